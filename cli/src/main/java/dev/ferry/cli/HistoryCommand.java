package dev.ferry.cli;

import dev.ferry.ipc.methods.HistoryParams;
import dev.ferry.ipc.methods.HistoryResult;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.RunView;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry history [FOLDER]}: recent sync runs, newest first. */
@Command(name = "history", description = "Recent sync runs: trigger, direction, result, counts, bytes, duration.")
public final class HistoryCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FOLDER", description = "Only this folder's runs.")
  String folder;

  @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20",
      description = "How many runs (1-" + HistoryParams.MAX_LIMIT + ", default ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    Output out = new Output(spec);
    if (limit < 1 || limit > HistoryParams.MAX_LIMIT) {
      return out.fail(ExitCodes.USAGE, "--limit must be between 1 and " + HistoryParams.MAX_LIMIT + ", not " + limit);
    }
    try {
      HistoryResult h = DaemonCall.call(common, Methods.HISTORY_LIST, new HistoryParams(folder, limit), HistoryResult.class);
      if (common.json()) {
        out.json(HistoryResult.class, h);
        return ExitCodes.OK;
      }
      if (h.runs().isEmpty()) out.println("no runs yet");
      for (RunView r : h.runs()) {
        out.println(String.format("%s  %-12s %-9s %-8s %-9s up %d down %d del %d conflicts %d  %s up, %s down  %s",
            Human.time(r.startedAt()), r.folder(), r.trigger(), r.direction(), r.result(), r.uploaded(), r.downloaded(),
            r.deleted(), r.conflicts(), Human.bytes(r.bytesUp()), Human.bytes(r.bytesDown()), Human.millis(r.durationMs())));
        if (r.error() != null) {
          out.println("    " + (r.errorCategory() == null ? "" : r.errorCategory() + ": ") + r.error());
        }
      }
      return ExitCodes.OK;
    } catch (Exception e) {
      return Failures.report(out, e);
    }
  }
}
