package dev.ferry.daemon.local;

import java.io.IOException;

/** A write would have gone through a symlink or outside the folder (invariant 5). */
public final class UnsafePathException extends IOException {
  private static final long serialVersionUID = 1L;
  private final boolean symlinkInTheWay;
  private final String why;

  public UnsafePathException(String path, String why) {
    this(path, why, false);
  }

  private UnsafePathException(String path, String why, boolean symlinkInTheWay) {
    super("refusing to write " + path + ": " + why);
    this.symlinkInTheWay = symlinkInTheWay;
    this.why = why;
  }

  /** The path, or a directory on the way to it, is a symlink here: this device's state, not a bad entry. */
  public static UnsafePathException symlink(String path, String why) {
    return new UnsafePathException(path, why, true);
  }

  /**
   * Whether a symlink stands where the write must go (a synced file or directory a dotfile
   * manager replaced by a link): the write can be done once the link is gone, unlike a path
   * outside the folder, which no local change makes safe.
   */
  public boolean symlinkInTheWay() { return symlinkInTheWay; }

  /** What makes the write unsafe, without the path it was for. */
  public String why() { return why; }
}
