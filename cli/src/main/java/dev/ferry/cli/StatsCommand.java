package dev.ferry.cli;

import dev.ferry.ipc.methods.FolderStats;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.StatsParams;
import dev.ferry.ipc.methods.StatsResult;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry stats [FOLDER]}: counters over every recorded run. */
@Command(name = "stats", description = "Counters: syncs by result, duration percentiles, bytes up/down, conflicts, errors by category, queue sizes.")
public final class StatsCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FOLDER", description = "Only this folder.")
  String folder;

  @Override
  public Integer call() {
    Output out = new Output(spec);
    try {
      StatsResult s = DaemonCall.call(common, Methods.STATS, new StatsParams(folder), StatsResult.class);
      if (common.json()) {
        out.json(StatsResult.class, s);
        return ExitCodes.OK;
      }
      for (FolderStats f : s.folders()) print(out, f.folder(), f);
      if (s.folders().size() != 1) print(out, "total", s.total());
      return ExitCodes.OK;
    } catch (Exception e) {
      return Failures.report(out, e);
    }
  }

  private static void print(Output out, String name, FolderStats f) {
    out.println(name + ":");
    out.println("  runs        " + f.runs() + (f.runs() == 0 ? "" : " (" + pairs(f.runsByResult()) + ")"));
    out.println("  duration    p50 " + Human.millis(f.durationMs().p50()) + ", p95 " + Human.millis(f.durationMs().p95())
        + ", p99 " + Human.millis(f.durationMs().p99()) + ", max " + Human.millis(f.durationMs().max()));
    out.println("  files       " + f.uploaded() + " up, " + f.downloaded() + " down, " + f.deleted() + " deleted");
    out.println("  bytes       " + Human.bytes(f.bytesUp()) + " up, " + Human.bytes(f.bytesDown()) + " down");
    out.println("  conflicts   " + f.conflicts() + " created, " + f.openConflicts() + " open");
    out.println("  errors      " + (f.errorsByCategory().isEmpty() ? "none" : pairs(f.errorsByCategory())));
    out.println("  queue       " + f.queuePending() + " pending, " + f.queueFailed() + " failed");
  }

  private static String pairs(Map<String, Long> m) {
    return m.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }
}
