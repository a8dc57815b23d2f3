package dev.ferry.daemon.local;

import java.io.IOException;

/** A write would have gone through a symlink or outside the folder (invariant 5). */
public final class UnsafePathException extends IOException {
  private static final long serialVersionUID = 1L;

  public UnsafePathException(String path, String why) {
    super("refusing to write " + path + ": " + why);
  }
}
