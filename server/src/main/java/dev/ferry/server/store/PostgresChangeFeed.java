package dev.ferry.server.store;

import dev.ferry.protocol.ChangesPage;
import dev.ferry.protocol.EntryMeta;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the changes committed by any hub instance on the database to this instance's
 * {@link ChangeListener}. Each write transaction sends {@code NOTIFY ferry_changes} with the
 * folder and its seq range; PostgreSQL delivers notifications when the transaction commits, in
 * commit order, which per folder is seq order. One thread holds a dedicated connection (not from
 * the pool: a pooled connection would be handed to other work) that {@code LISTEN}s, and for each
 * notification about a folder the listener {@linkplain ChangeListener#wants wants}, reads that seq
 * range's heads back from the store. Entries overwritten since are absent from the range and come
 * with the later notification, exactly as the changes feed presents them.
 *
 * <p>The writing instance hears its own changes the same way, which keeps one ordered path.
 * When the connection is lost, notifications may be lost with it: the listener is told
 * ({@link ChangeListener#missed}) so subscribers resume from the feed, and the feed reconnects.
 */
final class PostgresChangeFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeFeed.class);
  private static final int POLL_MS = 500;
  private static final long MAX_BACKOFF_MS = 5_000;

  private final PostgresUrl url;
  private final Store store;
  private final Supplier<ChangeListener> listener;
  private final Thread thread;
  private final Object lock = new Object();
  private volatile boolean closed;
  private Connection connection;
  /** Set from the loss of the connection until it is listening again; only the feed's thread uses it. */
  private boolean lost;

  PostgresChangeFeed(PostgresUrl url, Store store, Supplier<ChangeListener> listener) {
    this.url = url;
    this.store = store;
    this.listener = listener;
    this.thread = new Thread(this::run, "ferry-pg-changes");
    thread.setDaemon(true);
  }

  /** The notification text: {@code accountId/fromSeq/toSeq/folder} (the folder last: it is free text). */
  static String payload(long accountId, String folder, long fromSeq, long toSeq) {
    return accountId + "/" + fromSeq + "/" + toSeq + "/" + folder;
  }

  void start() {
    // Listen before returning, so a write right after setChangeListener is heard.
    try {
      connect();
    } catch (SQLException e) {
      LOG.warn("cannot listen for changes on {} yet ({}); retrying in the background", url, e.getMessage());
    }
    thread.start();
  }

  private void connect() throws SQLException {
    Properties props = new Properties();
    if (url.user() != null) props.setProperty("user", url.user());
    if (url.password() != null) props.setProperty("password", url.password());
    props.setProperty("ApplicationName", "ferry-hub-changes");
    props.setProperty("tcpKeepAlive", "true");
    Connection c = DriverManager.getConnection(url.jdbcUrl(), props);
    try (Statement st = c.createStatement()) {
      st.execute("LISTEN " + PostgresStore.CHANNEL);
    }
    synchronized (lock) {
      if (closed) {
        c.close();
        return;
      }
      connection = c;
    }
  }

  private void run() {
    long backoff = 100;
    while (!closed) {
      Connection c;
      synchronized (lock) {
        c = connection;
      }
      try {
        if (c == null) {
          connect();
          listener.get().missed(); // whatever was sent while we were away is unknown
          if (lost) LOG.info("listening for changes on {} again", url);
          lost = false;
          backoff = 100;
          continue;
        }
        PGNotification[] notes = c.unwrap(PGConnection.class).getNotifications(POLL_MS);
        if (notes != null) {
          for (PGNotification n : notes) deliver(n.getParameter());
        }
        backoff = 100;
      } catch (SQLException | RuntimeException e) {
        if (closed) return;
        // Once per outage: the attempts to reconnect fail alike until the database is back.
        if (!lost) LOG.warn("lost the change notifications from {} ({}); reconnecting", url, e.getMessage());
        else LOG.debug("still cannot listen for changes on {} ({})", url, e.getMessage());
        lost = true;
        dropConnection();
        listener.get().missed();
        try {
          Thread.sleep(backoff); // back off between reconnection attempts
        } catch (InterruptedException interrupted) {
          return;
        }
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
      }
    }
  }

  private void deliver(String payload) {
    String[] p = payload.split("/", 4);
    if (p.length != 4) {
      LOG.warn("ignoring a malformed change notification: {}", payload);
      return;
    }
    long accountId;
    long from;
    long to;
    try {
      accountId = Long.parseLong(p[0]);
      from = Long.parseLong(p[1]);
      to = Long.parseLong(p[2]);
    } catch (NumberFormatException e) {
      LOG.warn("ignoring a malformed change notification: {}", payload);
      return;
    }
    String folder = p[3];
    ChangeListener l = listener.get();
    if (!l.wants(accountId, folder)) return;
    // Seqs are unique per folder, so the range holds at most (to - from + 1) heads.
    ChangesPage page = store.changes(accountId, folder, from - 1, (int) Math.min(Integer.MAX_VALUE - 1, to - from + 1));
    List<EntryMeta> heads = page.changes().stream().filter(m -> m.seq() <= to).toList();
    if (!heads.isEmpty()) l.committed(accountId, folder, heads);
  }

  private void dropConnection() {
    Connection c;
    synchronized (lock) {
      c = connection;
      connection = null;
    }
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already broken
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    dropConnection();
  }
}
