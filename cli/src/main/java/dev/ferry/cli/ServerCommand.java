package dev.ferry.cli;

import dev.ferry.server.Hub;
import dev.ferry.server.HubOptions;
import dev.ferry.server.Retention;
import dev.ferry.server.SignupMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry server}: runs the hub in the foreground until SIGTERM or Ctrl-C;
 * {@code ferry server invite} prints a one-time invite code. {@code invite} is a positional
 * action rather than a picocli subcommand so that {@code --signup invite} still parses (picocli
 * refuses option values that equal a subcommand name).
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {"Run the Ferry hub (HTTP API v1 on SQLite) in the foreground.",
        "ferry server invite [--data DIR] prints a one-time invite code (valid 7 days) as its last line; it works while the hub runs."})
public final class ServerCommand implements Callable<Integer> {
  @CommandLine.Parameters(arity = "0..1", paramLabel = "invite", description = "Create an invite code instead of running the hub.")
  String action;

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
    if (action != null) {
      if (!action.equals("invite")) throw new CommandLine.ParameterException(spec.commandLine(), "unknown action '" + action + "'; did you mean 'invite'?");
      return invite();
    }
    if (port < 0 || port > 65535) throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0-65535, got " + port);
    if (keepRevisions < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--keep-revisions must be at least 1");
    if (keepDays < 0) throw new CommandLine.ParameterException(spec.commandLine(), "--keep-days must be 0 or more");
    HubOptions opts = HubOptions.defaults(dataDir(data)).withBind(bind).withPort(port).withSignup(signup)
        .withRetention(new Retention(keepRevisions, Duration.ofDays(keepDays)));
    Hub hub;
    try {
      hub = Hub.start(opts);
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("ferry server: cannot start: " + rootMessage(e));
      return ExitCodes.FAILED;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      hub.close();
      stopped.countDown();
    }, "ferry-server-shutdown"));
    spec.commandLine().getOut().println("ferry hub listening on " + hub.url() + " (data " + opts.dataDir() + ")");
    spec.commandLine().getOut().flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      hub.close();
    }
    return ExitCodes.OK;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
  }

  private int invite() {
    String code;
    try {
      code = Hub.createInvite(dataDir(data));
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("ferry server invite: " + rootMessage(e));
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
