package dev.ferry.cli;

import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.VersionView;
import dev.ferry.ipc.methods.VersionsParams;
import dev.ferry.ipc.methods.VersionsResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry versions PATH}: the revisions of a file the hub keeps. */
@Command(name = "versions", description = "The revisions of a file kept on the hub (restore one with ferry restore).")
public final class VersionsCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Parameters(index = "0", paramLabel = "PATH", description = "A file in a synced folder (it may be deleted here).") Path path;

  @Override
  public Integer call() {
    Output out = new Output(spec);
    try {
      VersionsResult r = DaemonCall.call(common, Methods.VERSIONS_LIST,
          new VersionsParams(path.toAbsolutePath().normalize().toString()), VersionsResult.class);
      if (common.json()) {
        out.json(VersionsResult.class, r);
        return ExitCodes.OK;
      }
      out.println(r.folder() + ": " + r.path());
      for (VersionView v : r.versions()) {
        String what = v.deleted() ? "deleted" : "dir".equals(v.kind()) ? "directory" : Human.bytes(v.size());
        out.println(String.format("  rev %-5d %-19s %-10s by %s%s", v.rev(), Human.time(v.storedAt()), what,
            v.deviceName() != null ? v.deviceName() : v.device() == null ? "?" : v.device(), v.current() ? "  (the file here)" : ""));
      }
      return ExitCodes.OK;
    } catch (Exception e) {
      return Failures.report(out, e);
    }
  }
}
