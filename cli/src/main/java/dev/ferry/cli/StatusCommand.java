package dev.ferry.cli;

import dev.ferry.ipc.RpcClient;
import dev.ferry.ipc.methods.FolderStatusView;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.StatusParams;
import dev.ferry.ipc.methods.StatusResult;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry status}: what the daemon is doing and what needs attention. */
@Command(name = "status", description = "Show each folder's state, last sync, pending work and conflicts.")
public final class StatusCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @CommandLine.Option(names = "--watch", description = "Refresh every second until Ctrl-C (in place on a terminal).")
  boolean watch;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return run(new Output(spec));
  }

  /**
   * The fast path of the most frequent verb: {@code ferry status [--json] [--home DIR]} parsed
   * by hand, without picocli, whose start-up (reflection over the command, and classes too old
   * for the class-data archive) was most of the round trip. Null for anything else (--watch,
   * --help, a typo): picocli handles those, with its usual messages.
   */
  static Integer fast(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    if (args.length == 0 || !"status".equals(args[0])) return null;
    CommonOptions common = new CommonOptions();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--json") && !common.json) {
        common.json = true;
      } else if (a.equals("--home") && i + 1 < args.length && common.home == null && !args[i + 1].startsWith("-")) {
        common.home = pathOrNull(args[++i]);
        if (common.home == null) return null;
      } else if (a.startsWith("--home=") && a.length() > 7 && common.home == null) {
        common.home = pathOrNull(a.substring(7));
        if (common.home == null) return null;
      } else {
        return null;
      }
    }
    StatusCommand status = new StatusCommand();
    status.common = common;
    return status.run(new Output(out, err, common.json));
  }

  private static java.nio.file.Path pathOrNull(String s) {
    try {
      return java.nio.file.Path.of(s);
    } catch (java.nio.file.InvalidPathException e) {
      return null; // picocli reports it
    }
  }

  private int run(Output out) {
    try (RpcClient client = RpcClient.connect(common.locations().socketPath())) {
      if (watch) return watch(client, out);
      return show(client, out);
    } catch (dev.ferry.ipc.DaemonNotRunningException e) {
      String why = unstartable();
      if (why != null) return out.fail(ExitCodes.NO_DAEMON, "no daemon is running for this home, and none can start: " + why);
      return Failures.report(out, e);
    } catch (Exception e) {
      return Failures.report(out, e);
    }
  }

  /**
   * Why a daemon cannot start on this home (its device.json cannot be used), or null. Read only
   * when none answers, so the usual status loads none of the daemon's classes.
   */
  private String unstartable() {
    try {
      new dev.ferry.daemon.account.SecretStore(common.locations().secretsDir()).device();
      return null;
    } catch (dev.ferry.daemon.account.AuthFailure broken) {
      return broken.getMessage();
    } catch (java.io.IOException unreadable) {
      return null;
    }
  }

  private int watch(RpcClient client, Output out) throws Exception {
    boolean terminal = Output.isTerminal();
    while (!Thread.currentThread().isInterrupted()) {
      if (terminal) out.out().print("\033[H\033[2J"); // home + clear: redraw in place
      show(client, out);
      if (!terminal) out.println("");
      Thread.sleep(1000);
    }
    return ExitCodes.OK;
  }

  private int show(RpcClient client, Output out) throws Exception {
    StatusResult s = client.call(Methods.STATUS, new StatusParams(), StatusResult.class);
    if (common.json()) {
      out.json(StatusResult.class, s);
    } else {
      out.println("device " + s.device() + " on " + s.server() + (s.online() ? "" : "  [OFFLINE]"));
      for (String problem : s.problems()) out.println("problem: " + problem);
      if (s.folders().isEmpty()) out.println("no folders: add one with 'ferry folder add ID PATH'");
      for (FolderStatusView f : s.folders()) {
        out.println(String.format("%-16s %-11s last sync %s%s  pending %d  failed %d  conflicts %d", f.id(), f.paused() ? "PAUSED" : f.state(),
            f.lastSync() == null ? "never" : f.lastSync().toString(),
            f.lastResult() == null ? "" : " (" + f.lastResult() + ")", f.pending(), f.failed(), f.conflicts()));
        if (f.lastError() != null) out.println("                 error: " + f.lastError());
        if (f.nextRetry() != null) out.println("                 next retry: " + f.nextRetry());
        if (f.remoteWaiting()) {
          out.println("                 changes on the hub wait (realtime auto_apply = false): ferry sync applies them");
        }
        if (f.needsLogin()) {
          // The account and hub this device's secrets name: login replaces a revoked token only for those.
          out.println("                 the hub refused this device: run 'ferry login --server " + s.server() + " --user "
              + (s.user() != null ? s.user() : "NAME") + "', then restart the daemon");
        }
      }
    }
    boolean attention = !s.problems().isEmpty() || s.folders().stream().anyMatch(f -> f.failed() > 0 || f.conflicts() > 0 || f.needsAttention());
    return attention ? ExitCodes.ATTENTION : ExitCodes.OK;
  }
}
