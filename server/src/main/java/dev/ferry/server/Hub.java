package dev.ferry.server;

import dev.ferry.protocol.Protocol;
import dev.ferry.server.api.HttpMetrics;
import dev.ferry.server.api.ProblemErrorHandler;
import dev.ferry.server.api.ProblemResponses;
import dev.ferry.server.api.Routes;
import dev.ferry.server.api.StorageHealth;
import dev.ferry.server.auth.DecoyKdf;
import dev.ferry.server.auth.Invites;
import dev.ferry.server.auth.LoginRateLimiter;
import dev.ferry.server.auth.Tokens;
import dev.ferry.server.events.EventBroker;
import dev.ferry.server.store.Housekeeping;
import dev.ferry.server.store.PostgresStore;
import dev.ferry.server.store.PostgresUrl;
import dev.ferry.server.store.SqliteStore;
import dev.ferry.server.store.Store;
import dev.ferry.server.store.StoreException;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ferry hub: HTTP API v1 over a SQLite database in the data directory, or over a PostgreSQL
 * database that several hub instances share (each instance's event streams then carry every
 * instance's changes). Start one with
 * {@link #start}; {@link #close} stops accepting, ends event streams and closes the database.
 */
public final class Hub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Hub.class);
  public static final String DB_FILE = "hub.db";
  /** Chunks nobody references are kept this long after their last upload, so uploads in progress survive. */
  static final Duration CHUNK_GRACE = Duration.ofHours(24);
  /** Idempotency keys answer retries for at least a day; kept two to be safe. */
  static final Duration IDEMPOTENCY_TTL = Duration.ofHours(48);
  private static final int LOGIN_FAILURES = 5;
  private static final Duration LOGIN_WINDOW = Duration.ofMinutes(5);
  private static final long OUTAGE_RECHECK_S = 5;

  private final HubOptions opts;
  private final Store store;
  private final EventBroker broker;
  private final Javalin app;
  private final ServerConnector connector;
  private final ScheduledExecutorService housekeeper;
  private final URI url;
  private boolean closed;
  /** Held for a SQLite data directory while this hub serves it; null on PostgreSQL. */
  private final DataDirLock lock;
  private final StorageHealth health;

  private Hub(HubOptions opts, Store store, EventBroker broker, Javalin app, ServerConnector connector,
      ScheduledExecutorService housekeeper, DataDirLock lock, StorageHealth health) {
    this.opts = opts;
    this.health = health;
    this.lock = lock;
    this.store = store;
    this.broker = broker;
    this.app = app;
    this.connector = connector;
    this.housekeeper = housekeeper;
    String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
    if (host.equals("0.0.0.0") || host.equals("::")) host = "127.0.0.1";
    if (host.contains(":")) host = "[" + host + "]";
    this.url = URI.create("http://" + host + ":" + connector.getLocalPort());
  }

  /** Opens the database (migrating it), binds the port and serves until {@link #close}. */
  public static Hub start(HubOptions opts) {
    DataDirLock lock = null;
    if (opts.database() == null) {
      prepareDataDir(opts.dataDir());
      lock = DataDirLock.acquire(opts.dataDir());
    }
    Store store;
    try {
      store = openStore(opts);
    } catch (RuntimeException e) {
      if (lock != null) lock.close();
      throw e;
    }
    EventBroker broker = null;
    Javalin app = null;
    ScheduledExecutorService housekeeper = null;
    try {
      DecoyKdf decoys = new DecoyKdf(store.secret("kdf-decoy-key", Tokens.randomBytes(32)));
      broker = new EventBroker(store, opts.keepAlive());
      store.setChangeListener(broker);
      HttpMetrics metrics = new HttpMetrics();
      ServerConnector[] connector = new ServerConnector[1];
      app = Javalin.create(cfg -> {
        cfg.showJavalinBanner = false;
        cfg.http.prefer405over404 = true;
        cfg.http.disableCompression();
        cfg.http.asyncTimeout = 0; // event streams stay open until the client or the hub ends them
        cfg.http.maxRequestSize = Protocol.MAX_JSON_BODY; // handlers enforce their own, tighter limits
        cfg.jetty.addConnector((server, httpConfig) -> {
          httpConfig.setSendServerVersion(false);
          // Errors Jetty answers itself (before Javalin sees the request, or outside it) are problem+json too.
          ProblemErrorHandler errors = new ProblemErrorHandler(httpConfig.getRequestHeaderSize());
          server.setErrorHandler(errors);
          ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
          c.setHost(opts.bind());
          c.setPort(opts.port());
          // Many devices reconnect at once after a hub restart; a short listen backlog would drop their SYNs.
          c.setAcceptQueueSize(1024);
          c.setIdleTimeout(Math.max(60_000, 3 * opts.keepAlive().toMillis()));
          connector[0] = c;
          return c;
        });
        cfg.requestLogger.http((ctx, ms) ->
            metrics.record(ctx.method().name(), ProblemResponses.safeRoute(ctx), ctx.statusCode(), ms / 1000.0));
      });
      StorageHealth health = new StorageHealth(store);
      Routes.register(app, new Routes.Deps(store, broker, metrics, opts.clock(), opts.signup(), decoys,
          new LoginRateLimiter(opts.clock(), LOGIN_FAILURES, LOGIN_WINDOW), version(), health));
      app.start();
      housekeeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ferry-housekeeping");
        t.setDaemon(true);
        return t;
      });
      Hub hub = new Hub(opts, store, broker, app, connector[0], housekeeper, lock, health);
      long every = opts.housekeepingEvery().toMillis();
      housekeeper.scheduleWithFixedDelay(hub::housekeepQuietly, every, every, TimeUnit.MILLISECONDS);
      // Notices (and logs) the end of a database outage even when nobody asks /healthz; idle otherwise.
      housekeeper.scheduleWithFixedDelay(health::recheckIfDown, OUTAGE_RECHECK_S, OUTAGE_RECHECK_S, TimeUnit.SECONDS);
      warnIfExposed(opts.bind(), hub.url);
      LOG.info("hub listening on {} (database {}, signup {})", hub.url, databaseName(opts), opts.signup().name().toLowerCase());
      return hub;
    } catch (RuntimeException e) {
      if (housekeeper != null) housekeeper.shutdownNow();
      if (app != null) app.stop();
      if (broker != null) broker.close();
      store.close();
      if (lock != null) lock.close();
      throw e;
    }
  }

  /**
   * Opens the database the options name: PostgreSQL when {@link HubOptions#database} is set,
   * else the SQLite file {@value #DB_FILE} in the data directory (created as needed).
   */
  public static Store openStore(HubOptions opts) {
    if (opts.database() != null) return PostgresStore.open(opts.database(), opts.retention());
    prepareDataDir(opts.dataDir());
    return SqliteStore.open(opts.dataDir().resolve(DB_FILE), opts.retention());
  }

  /**
   * Creates a one-time invite code (valid 7 days) in the hub database under {@code dataDir}.
   * Safe while a hub runs on the same directory: SQLite in WAL mode serializes the writers.
   */
  public static String createInvite(Path dataDir) {
    return createInvite(HubOptions.defaults(dataDir));
  }

  /**
   * Creates a one-time invite code (valid 7 days) in the database {@code opts} name; safe while hubs
   * run on it. It never creates that database: an invite stored in a fresh one (a mistyped
   * {@code --data}, or SQLite where the hub runs on PostgreSQL) is a code no hub knows.
   */
  public static String createInvite(HubOptions opts) {
    try (Store store = openExistingStore(opts)) {
      return Invites.create(store, Instant.now());
    }
  }

  /** Like {@link #openStore} for a database a hub has set up already; refuses one that is missing or empty. */
  static Store openExistingStore(HubOptions opts) {
    if (opts.database() != null) return PostgresStore.openExisting(opts.database(), opts.retention());
    Path file = opts.dataDir().resolve(DB_FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("no hub database in " + opts.dataDir()
          + " (the hub's --data directory; for a PostgreSQL hub pass the same --db URL)");
    }
    return SqliteStore.open(file, opts.retention());
  }

  public int port() { return connector.getLocalPort(); }

  /** The base URL, such as {@code http://127.0.0.1:8787}. */
  public URI url() { return url; }

  public HubOptions options() { return opts; }

  /** Runs one retention and garbage-collection pass now (it also runs periodically). */
  public Housekeeping housekeep() {
    Housekeeping h = store.housekeep(opts.clock().instant(), opts.retention(), CHUNK_GRACE, IDEMPOTENCY_TTL);
    if (h.revisions() + h.chunks() + h.idempotencyKeys() + h.invites() > 0) {
      LOG.info("housekeeping removed {} revisions, {} chunks, {} idempotency keys, {} invites",
          h.revisions(), h.chunks(), h.idempotencyKeys(), h.invites());
    }
    return h;
  }

  private void housekeepQuietly() {
    try {
      housekeep();
    } catch (StoreException e) {
      if (e.unavailable()) health.unavailable(e); // an outage is logged once, by whoever meets it first
      else LOG.error("housekeeping failed; will retry at the next interval", e);
    } catch (RuntimeException e) {
      LOG.error("housekeeping failed; will retry at the next interval", e);
    }
  }

  /** Stops accepting requests, ends event streams and closes the database. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    LOG.info("hub on {} stopping", url);
    housekeeper.shutdownNow();
    broker.close();
    app.stop();
    store.close();
    if (lock != null) lock.close();
  }

  /** The database in words for logs: the SQLite file, or the PostgreSQL URL without its password. */
  public static String databaseName(HubOptions opts) {
    return opts.database() != null ? PostgresUrl.redact(opts.database()) : opts.dataDir().resolve(DB_FILE).toString();
  }

  private static void prepareDataDir(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalStateException("the hub data directory " + dir + " is a file, not a directory; choose another --data");
    }
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create hub data directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void warnIfExposed(String bind, URI url) {
    boolean loopback;
    try {
      loopback = InetAddress.getByName(bind).isLoopbackAddress();
    } catch (UnknownHostException e) {
      loopback = false;
    }
    if (!loopback) {
      String msg = "ferry server: serving plain HTTP on " + bind + ", which is not a loopback address; put the hub"
          + " behind a TLS reverse proxy (Caddy, nginx) and bind it to 127.0.0.1";
      System.err.println(msg);
      LOG.warn(msg);
    }
  }

  private static String version() {
    String v = Hub.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0" : v;
  }
}
