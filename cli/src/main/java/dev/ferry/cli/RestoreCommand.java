package dev.ferry.cli;

import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.RestoreParams;
import dev.ferry.ipc.methods.RestoreResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry restore PATH [--rev N] [--to FILE]}: brings back a revision from the hub. */
@Command(name = "restore", description = "Bring back a revision of a file from the hub (over the file, or into --to FILE).")
public final class RestoreCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Parameters(index = "0", paramLabel = "PATH", description = "A file in a synced folder (it may be deleted here).") Path path;
  @Option(names = "--rev", paramLabel = "N", description = "The revision (ferry versions); default: the newest that differs from the file.")
  Long rev;
  @Option(names = "--to", paramLabel = "FILE", description = "Write it to FILE (which must not exist) instead of over the file.")
  Path to;

  @Override
  public Integer call() {
    Output out = new Output(spec);
    try {
      RestoreResult r = DaemonCall.call(common, Methods.VERSIONS_RESTORE, new RestoreParams(
          path.toAbsolutePath().normalize().toString(), rev, to == null ? null : to.toAbsolutePath().normalize().toString()),
          RestoreResult.class);
      if (common.json()) out.json(RestoreResult.class, r);
      else out.println("restored rev " + r.rev() + " of " + r.path() + " (" + Human.bytes(r.size()) + ") to " + r.writtenTo());
      return ExitCodes.OK;
    } catch (Exception e) {
      return Failures.report(out, e);
    }
  }
}
