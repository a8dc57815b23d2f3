package dev.ferry.daemon.engine;

import dev.ferry.daemon.core.ErrorCategory;
import java.io.IOException;

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
}
