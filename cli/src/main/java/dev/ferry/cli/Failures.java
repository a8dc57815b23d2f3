package dev.ferry.cli;

import dev.ferry.config.ConfigException;
import dev.ferry.daemon.account.AuthFailure;
import dev.ferry.daemon.account.SecretStore;
import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.daemon.remote.HubException;
import dev.ferry.ipc.DaemonNotRunningException;
import dev.ferry.ipc.DaemonStoppedException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** One mapping from what went wrong to what the user reads and the exit code (SPEC §2). */
final class Failures {
  static final String NO_DAEMON_HINT = "no daemon is running for this home; start one with 'ferry daemon' "
      + "(or 'ferry service install' to run it as a service)";

  private Failures() {}

  static int report(Output out, Throwable e) {
    // A provider of the daemon's graph can only throw unchecked: its IOException is what to tell
    // ("java.io.IOException: cannot open state database ..." was printed as it stood).
    while (e instanceof java.io.UncheckedIOException u && u.getCause() != null) e = u.getCause();
    if (e instanceof DaemonStoppedException) {
      return out.fail(ExitCodes.NO_DAEMON, e.getMessage() + "; it stopped: start it again with 'ferry daemon' (or see 'ferry service status')");
    }
    if (e instanceof DaemonNotRunningException) return out.fail(ExitCodes.NO_DAEMON, NO_DAEMON_HINT);
    if (e instanceof AuthFailure) return out.fail(ExitCodes.AUTH, e.getMessage());
    if (e instanceof dev.ferry.ipc.RpcException r) return out.fail(dev.ferry.ipc.RpcErrors.exitCode(r.code()), r.getMessage());
    if (e instanceof HubException h) {
      return out.fail(h.category() == ErrorCategory.AUTH ? ExitCodes.AUTH : ExitCodes.FAILED, h.getMessage());
    }
    if (e instanceof SecretStore.NotSetUpException) return out.fail(ExitCodes.FAILED, e.getMessage());
    if (e instanceof ConfigException) return out.fail(ExitCodes.FAILED, "bad config:\n" + e.getMessage());
    if (e instanceof Passwords.UsageException) return out.fail(ExitCodes.USAGE, e.getMessage());
    return out.fail(ExitCodes.FAILED, describe(e));
  }

  /**
   * What went wrong, as a sentence. The JDK's file exceptions for the commonest errors (ENOENT,
   * ENOTDIR, EEXIST, EACCES, ENOTEMPTY) carry only the path, so their message alone read as
   * {@code ferry: /some/path}; they are named here. Others keep their message ("PATH: reason").
   */
  static String describe(Throwable e) {
    if (e instanceof FileSystemException f && f.getReason() == null && f.getFile() != null) {
      String what = e instanceof NoSuchFileException ? "no such file or directory"
          : e instanceof NotDirectoryException ? "not a directory"
          : e instanceof FileAlreadyExistsException ? "already exists"
          : e instanceof AccessDeniedException ? "permission denied"
          : e instanceof DirectoryNotEmptyException ? "directory not empty"
          : null;
      if (what != null) return what + ": " + f.getFile() + (f.getOtherFile() == null ? "" : " (and " + f.getOtherFile() + ")");
    }
    String said = e.getMessage() == null ? e.toString() : e.getMessage();
    return outOfFileDescriptors(e) ? said + "; " + fileLimitHint() : said;
  }

  /** EMFILE anywhere in the chain: the JDK says only "Too many open files", with no limit and no way out. */
  static boolean outOfFileDescriptors(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("Too many open files")) return true;
    }
    return false;
  }

  /** The open-file limit of this process, and how to raise it. */
  static String fileLimitHint() {
    long max = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    return "this process may open " + (max > 0 ? "at most " + max : "only so many") + " files; raise the limit"
        + " (ulimit -n in the shell that starts ferry, LimitNOFILE= in a systemd unit)";
  }
}
