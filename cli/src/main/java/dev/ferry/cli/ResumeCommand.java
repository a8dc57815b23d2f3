package dev.ferry.cli;

import dev.ferry.ipc.methods.Methods;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry resume [FOLDER]}: sync again; a paused folder gets one catch-up run at once. */
@Command(name = "resume", description = "Sync FOLDER (or every folder) again after 'ferry pause'.")
public final class ResumeCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FOLDER", description = "The folder; every folder when left out.")
  String folder;

  @Override
  public Integer call() {
    return PauseCommand.toggle(common, spec, Methods.RESUME, folder);
  }
}
