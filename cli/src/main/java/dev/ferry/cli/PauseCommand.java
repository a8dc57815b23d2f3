package dev.ferry.cli;

import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.PauseParams;
import dev.ferry.ipc.methods.PauseResult;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry pause [FOLDER]}: no new runs until {@code ferry resume}; the pause outlives a daemon restart. */
@Command(name = "pause", description = "Stop syncing FOLDER (or every folder) until 'ferry resume'.")
public final class PauseCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FOLDER", description = "The folder; every folder when left out.")
  String folder;

  @Override
  public Integer call() {
    return toggle(common, spec, Methods.PAUSE, folder);
  }

  static int toggle(CommonOptions common, CommandLine.Model.CommandSpec spec, String method, String folder) {
    Output out = new Output(spec);
    try {
      PauseResult r = DaemonCall.call(common, method, new PauseParams(folder), PauseResult.class);
      if (common.json()) {
        out.json(PauseResult.class, r);
      } else if (r.folders().isEmpty()) {
        out.println("no folders configured");
      } else {
        out.println((r.paused() ? "paused: " : "resumed: ") + String.join(", ", r.folders()));
      }
      return ExitCodes.OK;
    } catch (Exception e) {
      return Failures.report(out, e);
    }
  }
}
