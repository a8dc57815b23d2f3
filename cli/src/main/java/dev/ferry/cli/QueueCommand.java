package dev.ferry.cli;

import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.QueueDropParams;
import dev.ferry.ipc.methods.QueueDropResult;
import dev.ferry.ipc.methods.QueueItem;
import dev.ferry.ipc.methods.QueueListParams;
import dev.ferry.ipc.methods.QueueListResult;
import dev.ferry.ipc.methods.QueueRetryParams;
import dev.ferry.ipc.methods.QueueRetryResult;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry queue [--failed]}: work waiting for the hub, and work that failed; exit 4 when something failed. */
@Command(name = "queue", description = "The offline queue and the failed queue (exit 4 when items failed).",
    subcommands = {QueueCommand.Retry.class, QueueCommand.Drop.class})
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
        if (!q.failed().isEmpty()) out.println("retry with 'ferry queue retry ID|--all', give up with 'ferry queue drop ID'");
      }
      return q.failed().isEmpty() ? ExitCodes.OK : ExitCodes.ATTENTION;
    } catch (Exception e) {
      return Failures.report(out, e);
    }
  }

  private static void print(Output out, String name, List<QueueItem> items) {
    out.println(name + ": " + (items.isEmpty() ? "none" : items.size()));
    for (QueueItem i : items) out.println("  " + line(i));
  }

  static String line(QueueItem i) {
    StringBuilder b = new StringBuilder(String.format("%-6s %-12s %-12s %s", i.id(), i.folder(), i.operation(), i.path()));
    if (i.attempts() > 0) b.append("  attempts ").append(i.attempts());
    if (i.nextAttemptAt() != null) b.append("  next ").append(i.nextAttemptAt());
    if (i.error() != null) b.append("  (").append(i.errorCategory() == null ? "" : i.errorCategory() + ": ").append(i.error()).append(')');
    return b.toString();
  }

  /** {@code ferry queue retry ID|--all}: puts items back to be tried, and starts a sync. */
  @Command(name = "retry", description = "Try a failed item again (or every one with --all); starts a sync.")
  public static final class Retry implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The item id (see 'ferry queue').")
    String id;

    @Option(names = "--all", description = "Every item of the failed queue.")
    boolean all;

    @Option(names = "--folder", paramLabel = "F", description = "With --all: only folder F.")
    String folder;

    @Override
    public Integer call() {
      Output out = new Output(spec);
      if (all == (id != null)) return out.fail(ExitCodes.USAGE, "give an item id or --all (ferry queue retry ID|--all)");
      if (folder != null && !all) return out.fail(ExitCodes.USAGE, "--folder goes with --all");
      try {
        QueueRetryResult r = DaemonCall.call(common, Methods.QUEUE_RETRY, new QueueRetryParams(id, all, folder),
            QueueRetryResult.class);
        if (common.json()) {
          out.json(QueueRetryResult.class, r);
        } else if (r.retried().isEmpty()) {
          out.println("nothing to retry: the failed queue is empty");
        } else {
          for (QueueItem i : r.retried()) out.println("retrying " + i.id() + " " + i.folder() + " " + i.path());
          out.println("sync started for " + String.join(", ", r.folders()) + "; 'ferry queue' shows how it went");
        }
        return ExitCodes.OK;
      } catch (Exception e) {
        return Failures.report(out, e);
      }
    }
  }

  /** {@code ferry queue drop ID}: gives up on an item; asks on a terminal, needs {@code --yes} elsewhere. */
  @Command(name = "drop", description = "Give up on a queued item. The local file is never deleted.")
  public static final class Drop implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The item id (see 'ferry queue').")
    String id;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Override
    public Integer call() {
      Output out = new Output(spec);
      Integer stop = Confirmation.refuseUnlessConfirmed(out, yes, "dropping queue item " + id, "Drop queue item " + id + "? It will not be synced (the local file stays).");
      if (stop != null) return stop;
      try {
        QueueDropResult r = DaemonCall.call(common, Methods.QUEUE_DROP, new QueueDropParams(id), QueueDropResult.class);
        if (common.json()) out.json(QueueDropResult.class, r);
        else out.println("dropped " + r.dropped().id() + " " + r.dropped().folder() + " " + r.dropped().path()
            + " (the local file is kept)");
        return ExitCodes.OK;
      } catch (Exception e) {
        return Failures.report(out, e);
      }
    }
  }
}
