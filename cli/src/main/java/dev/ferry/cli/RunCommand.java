package dev.ferry.cli;

import dev.ferry.config.HumanDuration;
import dev.ferry.ipc.DaemonNotRunningException;
import dev.ferry.ipc.RpcClient;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.methods.FolderSyncResult;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.SyncParams;
import dev.ferry.ipc.methods.SyncResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry run [--timeout D] [--allow-stale] -- CMD [ARG...]}: the pre-operation trigger.
 * Asks the daemon to sync every folder (never throttled), then runs CMD with this process's
 * stdin, stdout and stderr and exits with CMD's exit code. If the sync fails, times out, or no
 * daemon runs, CMD runs only with {@code --allow-stale}; otherwise ferry exits 1 (3 without a
 * daemon) and CMD does not run. Ferry's own messages go to stderr only, so CMD's stdout stays clean;
 * with {@code --json} a failure before CMD runs also prints the error document on stdout, as every verb does.
 */
@Command(name = "run", description = {"Sync every folder, then run CMD (the pre-operation trigger for scripts).",
    "Exits with CMD's exit code. Put -- before CMD."})
public final class RunCommand implements Callable<Integer> {
  /** What a shell answers for a command it cannot find. */
  static final int NOT_FOUND = 127;
  /** What a shell answers for a command it found but may not execute (not executable, a directory). */
  static final int CANNOT_EXECUTE = 126;

  @Mixin CommonOptions common;
  @Option(names = "--timeout", paramLabel = "D", defaultValue = "60s",
      description = "How long to wait for the sync (default ${DEFAULT-VALUE}), e.g. 30s, 2m.") String timeout;
  @Option(names = "--allow-stale", description = "Run CMD even if the sync failed, timed out, or no daemon runs.")
  boolean allowStale;
  @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.") List<String> command;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Duration wait;
    try {
      wait = HumanDuration.parse(timeout);
    } catch (IllegalArgumentException e) {
      return fail(ExitCodes.USAGE, "--timeout: " + e.getMessage());
    }
    if (wait.isNegative() || wait.isZero()) {
      return fail(ExitCodes.USAGE, "--timeout must be positive, was " + timeout);
    }
    String problem;
    try (RpcClient client = RpcClient.connect(common.locations().socketPath())) {
      SyncResult r = client.call(Methods.SYNC, new SyncParams(null, null, false, false, false, SyncParams.PRE_OPERATION),
          SyncResult.class, wait);
      problem = failures(r);
      // A paused folder was the user's choice: CMD runs, told that those files were not synced.
      for (FolderSyncResult f : r.folders()) {
        if ("skipped".equals(f.result())) {
          err.println("ferry run: warning: " + f.folder() + " is paused, not synced; " + command.get(0)
              + " sees its local files ('ferry resume " + f.folder() + "' syncs it again)");
        }
      }
    } catch (DaemonNotRunningException e) {
      if (!allowStale) {
        return fail(ExitCodes.NO_DAEMON, Failures.NO_DAEMON_HINT + "; not running " + command.get(0)
            + " (--allow-stale runs it anyway)");
      }
      err.println("ferry run: warning: no daemon is running, so nothing was synced; running " + command.get(0)
          + " on possibly stale files (--allow-stale)");
      return execute(err);
    } catch (SocketTimeoutException e) {
      problem = "the sync did not finish within " + HumanDuration.format(wait);
    } catch (RpcException e) {
      problem = "the daemon refused the sync: " + e.getMessage();
    } catch (IOException e) {
      problem = "cannot talk to the daemon: " + Failures.describe(e);
    }
    if (problem != null) {
      if (!allowStale) {
        return fail(ExitCodes.FAILED, problem + "; not running " + command.get(0) + " (--allow-stale runs it anyway)");
      }
      err.println("ferry run: warning: " + problem + "; running " + command.get(0) + " on possibly stale files (--allow-stale)");
    }
    return execute(err);
  }

  /**
   * Says on stderr why CMD does not run and returns {@code code}; with {@code --json} the error
   * document goes to stdout too. Only then: once CMD runs, stdout is CMD's alone.
   */
  private int fail(int code, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("ferry run: " + message);
    err.flush();
    if (common.json()) new Output(spec).json(Output.errorDocument(code, message));
    return code;
  }

  /** The folders whose sync failed, as one sentence; null if none did. */
  private static String failures(SyncResult r) {
    List<String> failed = new ArrayList<>();
    for (FolderSyncResult f : r.folders()) {
      if ("failed".equals(f.result())) {
        failed.add(f.folder() + (f.error() == null ? "" : " (" + f.error() + ")"));
      }
    }
    return failed.isEmpty() ? null : "the sync failed for " + String.join(", ", failed);
  }

  private int execute(PrintWriter err) {
    err.flush();
    try {
      Process p = new ProcessBuilder(command).inheritIO().start();
      try {
        return p.waitFor();
      } catch (InterruptedException e) {
        // Ctrl-C reaches CMD through the terminal's process group; we only stop waiting if told to.
        p.destroy();
        Thread.currentThread().interrupt();
        return ExitCodes.FAILED;
      }
    } catch (IOException e) {
      // The JDK says "Cannot run program "x": error=N, reason"; the reason alone is ours to print.
      String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : String.valueOf(e.getMessage());
      boolean missing = why.startsWith("error=2,");
      return fail(missing ? NOT_FOUND : CANNOT_EXECUTE, "cannot run " + command.get(0) + ": "
          + (missing ? "command not found" : why.replaceFirst("^error=\\d+, ", "").toLowerCase(java.util.Locale.ROOT)));
    }
  }
}
