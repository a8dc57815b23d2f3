package dev.ferry.server.api;

import dev.ferry.server.store.Store;
import dev.ferry.server.store.StoreException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the hub's database answers. While it is lost every request fails the same way: the
 * outage is one warning in the log when it starts and one line when it ends, not a stack trace
 * per request, and {@code /healthz} says so.
 */
public final class StorageHealth {
  private static final Logger LOG = LoggerFactory.getLogger(StorageHealth.class);
  /** How long a device waits before it retries while the database is unreachable. */
  static final long RETRY_AFTER_S = 10;

  private final Store store;
  private final AtomicBoolean down = new AtomicBoolean();

  public StorageHealth(Store store) {
    this.store = store;
  }

  /** Something failed because the database is unavailable; the first failure of an outage is logged. */
  public void unavailable(StoreException e) {
    if (down.compareAndSet(false, true)) {
      LOG.warn("the hub database is unavailable, requests are answered 503 storage_unavailable until it is back: {}", e.getMessage());
    }
  }

  /** Checks the database now: whether it answers. The start and end of an outage are logged here too. */
  boolean check() {
    try {
      store.ping();
    } catch (StoreException e) {
      unavailable(e);
      return false;
    }
    if (down.compareAndSet(true, false)) LOG.info("the hub database answers again");
    return true;
  }

  /** Checks only during an outage, so that its end is noticed (and logged) without anyone asking /healthz. */
  public void recheckIfDown() {
    if (down.get()) check();
  }
}
