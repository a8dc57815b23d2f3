package dev.ferry.daemon.events;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's in-process publisher of {@link DaemonEvent}s: state changes and finished runs.
 *
 * <p>Contract, kept tiny on purpose:
 * <ul>
 *   <li>{@link #subscribe} registers a listener and returns a handle whose {@code close()}
 *       unsubscribes it (so does {@link #unsubscribe}).
 *   <li>Listeners are called synchronously, on the publishing thread (often a folder's run
 *       thread), in subscription order. They must return quickly and never block: a subscriber
 *       that writes to a slow client (an {@code events.subscribe} stream) hands each event to
 *       its own bounded queue and drains that on its own thread.
 *   <li>A listener that throws is logged and skipped; it never breaks the publisher or the
 *       other listeners.
 *   <li>Events of one folder arrive in the order they happened (one run thread per folder);
 *       across folders there is no order.
 * </ul>
 */
@Singleton
public final class EventBus {
  private static final Logger log = LoggerFactory.getLogger(EventBus.class);

  /** Receives events; see the class comment for the rules. */
  @FunctionalInterface
  public interface Listener {
    void onEvent(DaemonEvent event);
  }

  /** A subscription; closing it unsubscribes. */
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

  @Inject
  public EventBus() {}

  public Subscription subscribe(Listener listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> unsubscribe(listener);
  }

  public void unsubscribe(Listener listener) {
    listeners.remove(listener);
  }

  public void publish(DaemonEvent event) {
    Objects.requireNonNull(event, "event");
    for (Listener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        log.warn("event listener {} failed on {}: {}", l, event.getClass().getSimpleName(), e.toString());
      }
    }
  }

  /** How many listeners are subscribed (for tests and status). */
  public int subscribers() { return listeners.size(); }
}
