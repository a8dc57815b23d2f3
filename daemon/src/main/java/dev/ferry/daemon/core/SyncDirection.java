package dev.ferry.daemon.core;

import java.util.Locale;

/** What a run may change: both sides, only the hub, only the local folder, or nothing. */
public enum SyncDirection {
  BOTH, UPLOAD, DOWNLOAD, CHECK;

  public boolean pulls() { return this == BOTH || this == DOWNLOAD; }

  public boolean pushes() { return this == BOTH || this == UPLOAD; }

  public String wireName() { return name().toLowerCase(Locale.ROOT); }

  /** Parses the {@code --direction} value; null means both. */
  public static SyncDirection parse(String s) {
    if (s == null || s.isBlank()) return BOTH;
    for (SyncDirection d : values()) if (d.wireName().equals(s.trim().toLowerCase(Locale.ROOT))) return d;
    throw new IllegalArgumentException("unknown direction '" + s + "': use both, upload, download or check");
  }
}
