package dev.ferry.server.events;

import dev.ferry.protocol.ChangesPage;
import dev.ferry.protocol.EntryMeta;
import dev.ferry.server.store.ChangeListener;
import dev.ferry.server.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fans committed changes out to the event-stream subscribers of each (account, folder) connected
 * to this hub instance; with PostgreSQL the store feeds it every instance's changes. A new subscriber first gets the change feed after its {@code since} from the store,
 * then live events; a keep-alive comment goes to everyone at a fixed interval, which is also how
 * vanished clients are noticed.
 */
public final class EventBroker implements ChangeListener, AutoCloseable {
  private static final int REPLAY_PAGE = 500;
  private static final int DRAIN_THREADS = 4;

  private final Store store;
  private final Map<String, Set<Subscription>> byFolder = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();
  private final ExecutorService drainers;
  private final ScheduledExecutorService ticker;
  private volatile boolean closed;

  public EventBroker(Store store, Duration keepAlive) {
    this.store = store;
    AtomicInteger n = new AtomicInteger();
    this.drainers = Executors.newFixedThreadPool(DRAIN_THREADS, r -> daemon(r, "ferry-sse-" + n.incrementAndGet()));
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ferry-sse-keepalive"));
    long ms = Math.max(1, keepAlive.toMillis());
    ticker.scheduleAtFixedRate(this::keepAliveAll, ms, ms, TimeUnit.MILLISECONDS);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static String key(long accountId, String folder) {
    return accountId + "/" + folder;
  }

  /**
   * Opens a stream for changes after {@code since}: replays them from the store on the calling
   * thread, then switches to live events.
   */
  public void subscribe(long accountId, String folder, long since, SseSink sink) {
    if (closed) {
      sink.close();
      return;
    }
    String key = key(accountId, folder);
    Subscription[] self = new Subscription[1];
    Subscription s = new Subscription(key, folder, since, sink, drainers, () -> remove(self[0]));
    self[0] = s;
    byFolder.compute(key, (k, set) -> {
      Set<Subscription> subs = set == null ? ConcurrentHashMap.newKeySet() : set;
      subs.add(s);
      return subs;
    });
    count.incrementAndGet();
    // Registered before reading: anything committed from now on is either in what we read or held.
    long cursor = since;
    while (!s.isClosed()) {
      ChangesPage page = store.changes(accountId, folder, cursor, REPLAY_PAGE);
      for (EntryMeta m : page.changes()) s.replayed(m);
      if (!page.more() || page.changes().isEmpty()) break;
      cursor = page.changes().get(page.changes().size() - 1).seq();
    }
    s.goLive();
  }

  private void remove(Subscription s) {
    byFolder.computeIfPresent(s.key, (k, set) -> {
      if (set.remove(s)) count.decrementAndGet();
      return set.isEmpty() ? null : set;
    });
  }

  @Override
  public void committed(long accountId, String folder, List<EntryMeta> heads) {
    Set<Subscription> subs = byFolder.get(key(accountId, folder));
    if (subs == null) return;
    for (Subscription s : subs) {
      for (EntryMeta m : heads) s.offer(m);
    }
  }

  @Override
  public boolean wants(long accountId, String folder) {
    return byFolder.containsKey(key(accountId, folder));
  }

  /**
   * Changes may have been lost on their way here (another hub instance's, while the database
   * connection was down): ends every stream, and clients resume with Last-Event-ID, which the
   * store answers without gaps.
   */
  @Override
  public void missed() {
    for (Set<Subscription> subs : byFolder.values()) {
      for (Subscription s : subs) s.close();
    }
  }

  /** Open streams right now. */
  public int subscribers() {
    return count.get();
  }

  private void keepAliveAll() {
    for (Set<Subscription> subs : byFolder.values()) {
      for (Subscription s : subs) s.keepAlive();
    }
  }

  /** Ends every stream; clients reconnect (elsewhere) with Last-Event-ID. */
  @Override
  public void close() {
    closed = true;
    ticker.shutdownNow();
    for (Set<Subscription> subs : byFolder.values()) {
      for (Subscription s : subs) s.close();
    }
    drainers.shutdown();
    try {
      if (!drainers.awaitTermination(2, TimeUnit.SECONDS)) drainers.shutdownNow();
    } catch (InterruptedException e) {
      drainers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
