package dev.ferry.cli;

import dev.ferry.cli.logging.Logging;
import dev.ferry.server.DataDirLock;
import dev.ferry.server.Hub;
import dev.ferry.server.HubOptions;
import dev.ferry.server.Retention;
import dev.ferry.server.SignupMode;
import dev.ferry.server.store.PostgresUrl;
import dev.ferry.server.store.SqliteToPostgres;
import dev.ferry.server.store.StoreException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry server}: runs the hub in the foreground until SIGTERM or Ctrl-C;
 * {@code ferry server invite} prints a one-time invite code; {@code ferry server migrate} copies
 * a SQLite hub into PostgreSQL. The actions are positional rather than picocli subcommands so
 * that {@code --signup invite} still parses (picocli refuses option values that equal a
 * subcommand name).
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {"Run the Ferry hub (HTTP API v1) in the foreground: on SQLite in the data directory, or with --db on a"
        + " PostgreSQL database that several hub instances can share.",
        "ferry server invite [--data DIR | --db URL] prints a one-time invite code (valid 7 days) as its last line; it works"
            + " while the hub runs.",
        "ferry server migrate [--from FILE] --to URL copies a SQLite hub (stop it first) into PostgreSQL and verifies the copy;"
            + " run it again if it was interrupted."})
public final class ServerCommand implements Callable<Integer> {
  static final String DB_ENV = "FERRY_DB_URL";

  @CommandLine.Parameters(arity = "0..1", paramLabel = "ACTION",
      description = "invite: create an invite code; migrate: copy a SQLite hub into PostgreSQL. Without one, run the hub.")
  String action;

  @Option(names = "--db", paramLabel = "URL",
      description = "PostgreSQL database, postgresql://user:password@host:port/db (default: $" + DB_ENV
          + ", else SQLite hub.db in the data directory). Any number of hub instances may share one.")
  String db;

  @Option(names = "--from", paramLabel = "FILE", description = "migrate: the SQLite hub database to copy (default: hub.db in the data directory).")
  Path from;

  @Option(names = "--to", paramLabel = "URL", description = "migrate: the PostgreSQL database to copy into (default: --db or $" + DB_ENV + ").")
  String to;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Data directory holding hub.db (default: $XDG_DATA_HOME/ferry-server or ~/.local/share/ferry-server).")
  Path data;

  @Option(names = "--bind", paramLabel = "ADDR", defaultValue = HubOptions.DEFAULT_BIND,
      description = "Address to listen on (default: ${DEFAULT-VALUE}). Anything but loopback belongs behind a TLS proxy.")
  String bind;

  @Option(names = "--port", paramLabel = "N", defaultValue = "" + HubOptions.DEFAULT_PORT,
      description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--signup", paramLabel = "MODE", converter = SignupConverter.class,
      description = "Who may create accounts: invite, open or closed (default: invite).")
  SignupMode signup = SignupMode.INVITE;

  @Option(names = "--keep-revisions", paramLabel = "N", defaultValue = "10",
      description = "Keep at least the last N revisions of every file (default: ${DEFAULT-VALUE}).")
  int keepRevisions;

  @Option(names = "--keep-days", paramLabel = "D", defaultValue = "30",
      description = "Also keep every revision younger than D days (default: ${DEFAULT-VALUE}).")
  int keepDays;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  static Path dataDir(Path given) {
    return given != null ? given : HubOptions.defaultDataDir();
  }

  @Override
  public Integer call() {
    String database = database();
    if (action != null) {
      return switch (action) {
        case "invite" -> invite(database);
        case "migrate" -> migrate(database);
        default -> throw new CommandLine.ParameterException(spec.commandLine(),
            "unknown action '" + action + "'; expected 'invite' or 'migrate'");
      };
    }
    if (from != null || to != null) throw new CommandLine.ParameterException(spec.commandLine(), "--from and --to belong to 'ferry server migrate'");
    if (port < 0 || port > 65535) throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0-65535, got " + port);
    if (keepRevisions < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--keep-revisions must be at least 1");
    if (keepDays < 0) throw new CommandLine.ParameterException(spec.commandLine(), "--keep-days must be 0 or more");
    HubOptions opts = HubOptions.defaults(dataDir(data)).withBind(bind).withPort(port).withSignup(signup)
        .withRetention(new Retention(keepRevisions, Duration.ofDays(keepDays))).withDatabase(database);
    Hub hub;
    try {
      // One JSON object a line, to stdout (journald, launchd) and DATA/logs/hub.log, as the daemon logs.
      Logging.forService(dataDir(data).resolve("logs"), "hub", null, true);
      hub = Hub.start(opts);
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("ferry server: cannot start: " + startFailure(e));
      return ExitCodes.FAILED;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      hub.close();
      stopped.countDown();
    }, "ferry-server-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      hub.close();
    }
    return ExitCodes.OK;
  }

  /** Why the hub did not start, in words: Jetty calls every bind failure "Port already in use". */
  private String startFailure(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // The database's failures say which database and why; its unknown host is no --bind problem.
      if (t instanceof StoreException) return t.getMessage();
      if (t instanceof java.net.BindException be) {
        return "cannot listen on " + bind + ":" + port + ": " + be.getMessage()
            + (String.valueOf(be.getMessage()).contains("in use") ? " (another process has that port; choose another with --port)"
                : " (is " + bind + " an address of this machine?)");
      }
      if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
        return "cannot listen on " + bind + ":" + port + ": no such address (--bind takes an IP address or a host name of this machine)";
      }
    }
    return rootMessage(e);
  }

  /** A store's messages are complete; for anything else the root cause is added. */
  private static String describe(RuntimeException e) {
    return e instanceof StoreException ? e.getMessage() : rootMessage(e);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
  }

  /** --db, else $FERRY_DB_URL, else null (SQLite); anything but a PostgreSQL URL is a usage error. */
  private String database() {
    String v = db != null ? db : System.getenv(DB_ENV);
    if (v == null || v.isBlank()) return null;
    return checkedPostgresUrl(db != null ? "--db" : "$" + DB_ENV, v);
  }

  /** {@code url} when it is a well-formed PostgreSQL URL; otherwise a usage error naming {@code option}, password masked. */
  private String checkedPostgresUrl(String option, String url) {
    if (!PostgresUrl.isPostgres(url)) {
      throw new CommandLine.ParameterException(spec.commandLine(), option
          + " must be a postgresql://user:password@host:port/database URL, got " + PostgresUrl.redact(url));
    }
    try {
      PostgresUrl.parse(url);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
    return url;
  }

  private int migrate(String database) {
    String target = to != null ? to : database;
    if (target == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "ferry server migrate needs --to postgresql://… (or --db, or $" + DB_ENV + ")");
    }
    checkedPostgresUrl(to != null ? "--to" : db != null ? "--db" : "$" + DB_ENV, target);
    Path source = from != null ? from : dataDir(data).resolve(Hub.DB_FILE);
    var held = DataDirLock.holder(source.toAbsolutePath().getParent());
    if (held.isPresent()) {
      spec.commandLine().getErr().println("ferry server migrate: a hub is serving " + source + " (pid " + held.get()
          + "); stop it first, so that nothing is written while the copy is made");
      return ExitCodes.FAILED;
    }
    var out = spec.commandLine().getOut();
    out.println("copying " + source + " to " + PostgresUrl.redact(target));
    SqliteToPostgres.Report report;
    try {
      report = SqliteToPostgres.copy(source, target, line -> {
        out.println("  " + line);
        out.flush();
      });
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("ferry server migrate: " + e.getMessage());
      return ExitCodes.FAILED;
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("ferry server migrate: " + describe(e) + "; what was copied is kept, run it again to finish");
      return ExitCodes.FAILED;
    }
    if (!report.verified()) {
      spec.commandLine().getErr().println("ferry server migrate: the copy does not match the source (see MISMATCH above);"
          + " was a hub writing to either database? Stop it and run the migration again.");
      return ExitCodes.FAILED;
    }
    out.println("verified: every table's row count and digest match (" + report.rowsInserted() + " rows copied now)");
    return ExitCodes.OK;
  }

  private int invite(String database) {
    String code;
    try {
      code = Hub.createInvite(HubOptions.defaults(dataDir(data)).withDatabase(database));
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("ferry server invite: " + describe(e));
      return ExitCodes.FAILED;
    }
    var out = spec.commandLine().getOut();
    out.println("One-time invite code, valid for 7 days (ferry init --invite CODE):");
    out.println(code);
    return ExitCodes.OK;
  }

  /** Parses {@code --signup}, case-insensitively, with a clear message. */
  static final class SignupConverter implements CommandLine.ITypeConverter<SignupMode> {
    @Override
    public SignupMode convert(String value) {
      try {
        return SignupMode.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
