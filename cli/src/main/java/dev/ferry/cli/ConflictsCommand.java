package dev.ferry.cli;

import dev.ferry.ipc.methods.ConflictView;
import dev.ferry.ipc.methods.ConflictsParams;
import dev.ferry.ipc.methods.ConflictsResult;
import dev.ferry.ipc.methods.Methods;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry conflicts}: conflicts waiting for a person; exit 4 when there are any. */
@Command(name = "conflicts", description = "Conflicts waiting for a person (exit 4 when there are any).")
public final class ConflictsCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--folder", paramLabel = "F", description = "Only folder F.")
  String folder;

  @Override
  public Integer call() {
    Output out = new Output(spec);
    try {
      ConflictsResult c = DaemonCall.call(common, Methods.CONFLICTS_LIST, new ConflictsParams(folder), ConflictsResult.class);
      if (common.json()) {
        out.json(ConflictsResult.class, c);
      } else if (c.conflicts().isEmpty()) {
        out.println("no conflicts");
      } else {
        for (ConflictView v : c.conflicts()) {
          out.println(String.format("%s  %-12s %s  (other version: %s)", Human.time(v.createdAt()), v.folder(), v.path(),
              v.copyPath()));
        }
      }
      return c.conflicts().isEmpty() ? ExitCodes.OK : ExitCodes.ATTENTION;
    } catch (Exception e) {
      return Failures.report(out, e);
    }
  }
}
