package dev.ferry.daemon.engine;

import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.daemon.crypto.CryptoException;
import dev.ferry.daemon.local.UnsafePathException;
import dev.ferry.daemon.remote.HubException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/** A run-level failure with its category; the message is shown to the user as it is. */
public final class SyncFailure extends IOException {
  private static final long serialVersionUID = 1L;
  private final ErrorCategory category;

  public SyncFailure(ErrorCategory category, String message) {
    super(message);
    this.category = category;
  }

  public SyncFailure(ErrorCategory category, String message, Throwable cause) {
    super(message, cause);
    this.category = category;
  }

  public ErrorCategory category() { return category; }

  /** The taxonomy applied to one item's failure. */
  static ErrorCategory categoryOf(Throwable c) {
    if (c instanceof HubException he) return he.category();
    if (c instanceof SyncFailure sf) return sf.category();
    if (c instanceof AccessDeniedException) return ErrorCategory.PERMISSION;
    // EPERM (an immutable file or directory, chattr +i) comes as a plain FileSystemException;
    // like EACCES it waits for a person, and more disk space would not help.
    if (c instanceof FileSystemException fe && "Operation not permitted".equals(fe.getReason())) return ErrorCategory.PERMISSION;
    if (c instanceof UnsafePathException) return ErrorCategory.INVALID_DATA;
    if (c instanceof CryptoException) return ErrorCategory.INVALID_DATA;
    if (c instanceof IOException) return ErrorCategory.DISK;
    return ErrorCategory.INTERNAL;
  }

  /** One item's failure in words for the report: what went wrong and on which file. */
  static String describe(Throwable c) {
    if (c instanceof AccessDeniedException ad) return "permission denied: " + ad.getFile();
    if (c instanceof FileSystemException fe && fe.getReason() != null) return fe.getReason() + ": " + fe.getFile();
    return c.getMessage() == null ? c.toString() : c.getMessage();
  }
}
