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
      InitCommand.class,
      LoginCommand.class,
      FolderCommand.class,
      DaemonCommand.class,
      StatusCommand.class,
      SyncCommand.class,
      RunCommand.class,
      VersionCommand.class,
      ConfigCommand.class,
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code; tests call this instead of main. */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
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
