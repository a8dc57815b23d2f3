package dev.ferry.cli;

import dev.ferry.ipc.methods.ConflictResolveParams;
import dev.ferry.ipc.methods.ConflictResolveResult;
import dev.ferry.ipc.methods.Methods;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry resolve PATH --keep local|remote|both}: settles a conflict and syncs the folder. */
@Command(name = "resolve", description = "Settle a conflict: keep the local version, the remote one, or both; then sync.")
public final class ResolveCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Parameters(index = "0", paramLabel = "PATH", description = "The file in conflict, or one of its conflict copies.") Path path;
  @Option(names = "--keep", required = true, paramLabel = "SIDE",
      description = "local (this device's version), remote (the hub's), or both (the other one as a conflict copy).")
  String keep;

  @Override
  public Integer call() {
    Output out = new Output(spec);
    if (!keep.equals("local") && !keep.equals("remote") && !keep.equals("both")) {
      return out.fail(ExitCodes.USAGE, "--keep must be local, remote or both, not '" + keep + "'");
    }
    try {
      ConflictResolveResult r = DaemonCall.call(common, Methods.CONFLICTS_RESOLVE,
          new ConflictResolveParams(path.toAbsolutePath().normalize().toString(), keep), ConflictResolveResult.class);
      if (common.json()) {
        out.json(ConflictResolveResult.class, r);
      } else {
        r.notes().forEach(out::println);
        if (r.error() != null) out.println("the sync after resolving failed: " + r.error());
        else out.println("resolved " + r.path() + " in " + r.folder() + " (kept " + r.keep() + "); folder synced: " + r.result());
      }
      if (r.error() != null) return ExitCodes.FAILED;
      return "ok".equals(r.result()) ? ExitCodes.OK : ExitCodes.ATTENTION;
    } catch (Exception e) {
      return Failures.report(out, e);
    }
  }
}
