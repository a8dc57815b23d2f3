package dev.ferry.cli;

import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.QueueItem;
import dev.ferry.ipc.methods.QueueListParams;
import dev.ferry.ipc.methods.QueueListResult;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry queue [--failed]}: work waiting for the hub, and work that failed; exit 4 when something failed. */
@Command(name = "queue", description = "The offline queue and the failed queue (exit 4 when items failed).")
public final class QueueCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--failed", description = "Show only the failed queue.")
  boolean failedOnly;

  @Option(names = "--folder", paramLabel = "F", description = "Only folder F.")
  String folder;

  @Override
  public Integer call() {
    Output out = new Output(spec);
    try {
      QueueListResult q = DaemonCall.call(common, Methods.QUEUE_LIST, new QueueListParams(folder), QueueListResult.class);
      if (failedOnly) q = new QueueListResult(List.of(), q.failed());
      if (common.json()) {
        out.json(QueueListResult.class, q);
      } else {
        if (!failedOnly) print(out, "pending", q.pending());
        print(out, "failed", q.failed());
      }
      return q.failed().isEmpty() ? ExitCodes.OK : ExitCodes.ATTENTION;
    } catch (Exception e) {
      return Failures.report(out, e);
    }
  }

  private static void print(Output out, String name, List<QueueItem> items) {
    out.println(name + ": " + (items.isEmpty() ? "none" : items.size()));
    for (QueueItem i : items) {
      out.println(String.format("  %-10s %-12s %-7s %s%s", i.id(), i.folder(), i.operation(), i.path(),
          i.error() == null ? "" : "  (" + i.error() + ")"));
    }
  }
}
