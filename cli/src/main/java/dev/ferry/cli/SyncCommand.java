package dev.ferry.cli;

import dev.ferry.ipc.RpcClient;
import dev.ferry.ipc.methods.FolderSyncResult;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.SyncParams;
import dev.ferry.ipc.methods.SyncResult;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry sync}: a manual run, waited for by default, with a progress bar on a terminal. */
@Command(name = "sync", description = "Sync now: one folder, or all.")
public final class SyncCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Parameters(index = "0", arity = "0..1", paramLabel = "FOLDER") String folder;
  @Option(names = "--direction", paramLabel = "D", description = "both (default), upload, download or check.") String direction;
  @Option(names = "--force", description = "Upload: local wins every conflict. Download: remote wins (local kept as a conflict copy).") boolean force;
  @Option(names = "--no-wait", description = "Return once the run is queued.") boolean noWait;
  @Option(names = "--allow-mass-delete", description = "Let this run delete more than half of a folder's files.") boolean allowMassDelete;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Output out = new Output(spec);
    if (direction != null && !direction.matches("both|upload|download|check")) {
      return out.fail(ExitCodes.USAGE, "--direction must be both, upload, download or check");
    }
    if (force && !("upload".equals(direction) || "download".equals(direction))) {
      return out.fail(ExitCodes.USAGE, "--force needs --direction upload (local wins) or download (remote wins); "
          + "a sync in both directions settles conflicts by the folder's strategy");
    }
    try (RpcClient client = RpcClient.connect(common.locations().socketPath())) {
      SyncResult r;
      // A bar only for a person watching: never in a pipe, with --json, or when not waiting.
      ProgressFeed bar = !common.json() && !noWait && Output.isTerminal()
          ? ProgressFeed.start(common.locations().socketPath(), folder, new ProgressLine(out.out(), ProgressLine.terminalWidth(System.getenv())))
          : null;
      try {
        r = client.call(Methods.SYNC, new SyncParams(folder, direction, force, noWait, allowMassDelete), SyncResult.class);
      } finally {
        if (bar != null) bar.close();
      }
      if (common.json()) out.json(SyncResult.class, r);
      int code = ExitCodes.OK;
      for (FolderSyncResult f : r.folders()) {
        if (!common.json()) out.println(describe(f));
        switch (f.result()) {
          case "failed" -> code = Math.max(code, "auth".equals(f.errorCategory()) ? ExitCodes.AUTH : ExitCodes.FAILED);
          // A paused folder was not synced: the person asked for a sync, so it needs their look.
          case "attention", FolderSyncResult.SKIPPED -> code = code == ExitCodes.OK ? ExitCodes.ATTENTION : code;
          default -> { }
        }
      }
      if (r.folders().isEmpty() && !common.json()) out.println("no folders to sync: add one with 'ferry folder add ID PATH'");
      return code;
    } catch (Exception e) {
      // An unknown folder is exit 1 as for every other verb (2 is for the command line's syntax).
      return Failures.report(out, e);
    }
  }

  /** Notes printed under a run's line: what a person should know, not a wall of text on a first sync. */
  static final int NOTES_SHOWN = 10;

  static String describe(FolderSyncResult f) {
    if ("queued".equals(f.result())) return f.folder() + ": queued";
    if (FolderSyncResult.SKIPPED.equals(f.result())) {
      return f.folder() + ": paused, not synced ('ferry resume " + f.folder() + "' syncs it again)";
    }
    StringBuilder b = new StringBuilder(f.folder()).append(": ").append(f.result());
    b.append(String.format(" — %d up, %d down, %d deleted, %d conflicts, %s up, %s down, %d ms", f.uploaded(), f.downloaded(),
        f.deleted(), f.conflicts(), bytes(f.bytesUp()), bytes(f.bytesDown()), f.durationMs()));
    if (f.error() != null) b.append("\n  error (").append(f.errorCategory()).append("): ").append(f.error());
    List<String> notes = f.notes() == null ? List.of() : f.notes();
    for (int i = 0; i < Math.min(notes.size(), NOTES_SHOWN); i++) b.append("\n  note: ").append(notes.get(i));
    if (notes.size() > NOTES_SHOWN) {
      b.append("\n  … and ").append(notes.size() - NOTES_SHOWN).append(" more notes (ferry sync --json lists them all)");
    }
    return b.toString();
  }

  static String bytes(long n) {
    if (n < 1024) return n + " B";
    if (n < 1024 * 1024) return String.format("%.1f KiB", n / 1024.0);
    if (n < 1024L * 1024 * 1024) return String.format("%.1f MiB", n / 1048576.0);
    return String.format("%.2f GiB", n / 1073741824.0);
  }
}
