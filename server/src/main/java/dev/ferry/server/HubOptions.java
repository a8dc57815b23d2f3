package dev.ferry.server;

import dev.ferry.server.store.PostgresUrl;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link Hub} runs. {@code port} 0 picks a free port. {@code keepAlive} is the interval of
 * the event stream's keep-alive comment; {@code housekeepingEvery} how often old revisions,
 * unreferenced chunks and stale idempotency keys are swept. {@code database} is null for the
 * embedded SQLite file {@code hub.db} in {@code dataDir}, or a PostgreSQL URL
 * ({@code postgresql://user:password@host:port/db}) that several hub instances may share.
 */
public record HubOptions(
    Path dataDir,
    String bind,
    int port,
    SignupMode signup,
    Retention retention,
    Duration keepAlive,
    Duration housekeepingEvery,
    Clock clock,
    String database) {

  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 8787;

  public HubOptions {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(bind, "bind");
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0-65535, got " + port);
    Objects.requireNonNull(signup, "signup");
    Objects.requireNonNull(retention, "retention");
    if (keepAlive == null || keepAlive.isNegative() || keepAlive.isZero()) throw new IllegalArgumentException("keepAlive must be positive");
    if (housekeepingEvery == null || housekeepingEvery.isNegative() || housekeepingEvery.isZero()) {
      throw new IllegalArgumentException("housekeepingEvery must be positive");
    }
    Objects.requireNonNull(clock, "clock");
    if (database != null && !PostgresUrl.isPostgres(database)) {
      throw new IllegalArgumentException("database must be a postgresql:// URL (or unset for SQLite in the data directory), got "
          + PostgresUrl.redact(database));
    }
  }

  /** Loopback, port 8787, invite-only signup, default retention, 15 s keep-alive, hourly sweep. */
  public static HubOptions defaults(Path dataDir) {
    return new HubOptions(dataDir, DEFAULT_BIND, DEFAULT_PORT, SignupMode.INVITE, Retention.DEFAULT,
        Duration.ofSeconds(15), Duration.ofHours(1), Clock.systemUTC(), null);
  }

  /** {@code $XDG_DATA_HOME/ferry-server}, else {@code ~/.local/share/ferry-server}. */
  public static Path defaultDataDir() {
    return defaultDataDir(System.getenv(), System.getProperty("user.home"));
  }

  static Path defaultDataDir(Map<String, String> env, String home) {
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return Path.of(xdg, "ferry-server");
    return Path.of(home, ".local", "share", "ferry-server");
  }

  public HubOptions withDataDir(Path v) { return new HubOptions(v, bind, port, signup, retention, keepAlive, housekeepingEvery, clock, database); }

  public HubOptions withBind(String v) { return new HubOptions(dataDir, v, port, signup, retention, keepAlive, housekeepingEvery, clock, database); }

  public HubOptions withPort(int v) { return new HubOptions(dataDir, bind, v, signup, retention, keepAlive, housekeepingEvery, clock, database); }

  public HubOptions withSignup(SignupMode v) { return new HubOptions(dataDir, bind, port, v, retention, keepAlive, housekeepingEvery, clock, database); }

  public HubOptions withRetention(Retention v) { return new HubOptions(dataDir, bind, port, signup, v, keepAlive, housekeepingEvery, clock, database); }

  public HubOptions withKeepAlive(Duration v) { return new HubOptions(dataDir, bind, port, signup, retention, v, housekeepingEvery, clock, database); }

  public HubOptions withHousekeepingEvery(Duration v) { return new HubOptions(dataDir, bind, port, signup, retention, keepAlive, v, clock, database); }

  /** A PostgreSQL URL, or null for SQLite in the data directory. */
  public HubOptions withDatabase(String v) { return new HubOptions(dataDir, bind, port, signup, retention, keepAlive, housekeepingEvery, clock, v); }

  public HubOptions withClock(Clock v) { return new HubOptions(dataDir, bind, port, signup, retention, keepAlive, housekeepingEvery, v, database); }
}
