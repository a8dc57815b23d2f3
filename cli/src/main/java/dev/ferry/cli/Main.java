package dev.ferry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ferry} command: one jar, every verb. */
@Command(
    name = "ferry",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "End-to-end encrypted folder sync through a self-hosted hub.",
    subcommands = {
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
      HistoryCommand.class,
      StatsCommand.class,
      DevicesCommand.class,
      LogsCommand.class,
      ServiceCommand.class,
      CompletionCommand.class,
      VersionCommand.class,
    })
public final class Main implements Runnable {
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
    CommandLine cl = new CommandLine(new Main());
    if (out != null) cl.setOut(out);
    if (err != null) cl.setErr(err);
    cl.setExitCodeExceptionMapper(t -> ExitCodes.FAILED);
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("ferry: " + ex.getMessage());
      ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return ExitCodes.USAGE;
    });
    return cl.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
