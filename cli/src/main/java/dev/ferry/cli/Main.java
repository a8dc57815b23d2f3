package dev.ferry.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ferry} command: one jar, every verb. */
@Command(
    name = "ferry",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "End-to-end encrypted folder sync through a self-hosted hub.")
public final class Main implements java.util.concurrent.Callable<Integer> {
  /**
   * Every verb, in help order. They are added to the command line by hand rather than through
   * {@code @Command(subcommands)}: picocli builds (reflects on) every verb it is given, which was
   * most of a short verb's run time (about 160 ms of {@code ferry status}), and loaded the daemon's
   * and the hub's classes along the way. So a named verb gets only itself; no verb, an unknown
   * one, or {@code completion} (which describes them all) gets the whole tree.
   */
  static final List<Class<?>> VERBS = List.of(
      QuickstartCommand.class,
      ServerCommand.class,
      InitCommand.class,
      LoginCommand.class,
      FolderCommand.class,
      DaemonCommand.class,
      StatusCommand.class,
      SyncCommand.class,
      RunCommand.class,
      ConfigCommand.class,
      PauseCommand.class,
      ResumeCommand.class,
      QueueCommand.class,
      ConflictsCommand.class,
      ResolveCommand.class,
      VersionsCommand.class,
      RestoreCommand.class,
      HistoryCommand.class,
      StatsCommand.class,
      DevicesCommand.class,
      LogsCommand.class,
      UiCommand.class,
      ServiceCommand.class,
      CompletionCommand.class,
      VersionCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code; tests call this instead of main. */
  public static int run(String... args) {
    return run(null, null, args);
  }

  /** Like {@link #run(String...)} with the command's output and error streams given (tests capture them). */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    Integer fast = StatusCommand.fast(out != null ? out : new java.io.PrintWriter(System.out, true),
        err != null ? err : new java.io.PrintWriter(System.err, true), args);
    if (fast != null) return fast;
    CommandLine cl = new CommandLine(new Main());
    Class<?> only = args.length == 0 || "completion".equals(args[0]) ? null : verb(args[0]);
    for (Class<?> c : only != null ? List.of(only) : VERBS) cl.addSubcommand(c);
    addHelpOption(cl);
    if (out != null) cl.setOut(out);
    if (err != null) cl.setErr(err);
    cl.setExitCodeExceptionMapper(t -> ExitCodes.FAILED);
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("ferry: " + ex.getMessage());
      ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      // Asked for JSON, a script still gets its one document (the options may not have parsed).
      if (List.of(a).contains("--json")) {
        new Output(ex.getCommandLine().getOut(), ex.getCommandLine().getErr(), true)
            .json(Output.errorDocument(ExitCodes.USAGE, ex.getMessage()));
      }
      return ExitCodes.USAGE;
    });
    return cl.execute(args);
  }

  /**
   * SPEC §2: every verb takes {@code --help}. Added here to each command that lacks it rather
   * than declared on each verb, so a new verb cannot forget it. A usage-help option also makes
   * picocli skip the required-option check, so {@code ferry login --help} shows the help.
   */
  static void addHelpOption(CommandLine cl) {
    CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
    if (spec.findOption("--help") == null) {
      spec.addOption(CommandLine.Model.OptionSpec.builder(spec.findOption("-h") == null ? new String[] {"-h", "--help"} : new String[] {"--help"})
          .usageHelp(true).description("Show this help message and exit.").build());
    }
    for (CommandLine sub : cl.getSubcommands().values()) addHelpOption(sub);
  }

  /** The verb class named {@code name}, read from its annotation without building it; null if none. */
  static Class<?> verb(String name) {
    for (Class<?> c : VERBS) {
      if (c.getAnnotation(Command.class).name().equals(name)) return c;
    }
    return null;
  }

  /** {@code ferry} without a verb asked for nothing: a usage error (exit 2), the usage on stderr. */
  @Override
  public Integer call() {
    return missingVerb(spec);
  }

  /**
   * What a command that only groups verbs does when none is named ({@code ferry}, {@code ferry
   * folder}): the usage on stderr and exit 2, so a script that lost its verb does not read success.
   */
  static int missingVerb(CommandLine.Model.CommandSpec spec) {
    spec.commandLine().usage(spec.commandLine().getErr());
    spec.commandLine().getErr().flush();
    return ExitCodes.USAGE;
  }
}
