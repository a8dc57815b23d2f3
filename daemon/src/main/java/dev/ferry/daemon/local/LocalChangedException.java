package dev.ferry.daemon.local;

import java.io.IOException;

/**
 * The file on disk no longer equals what the daemon expected (the user edited it while a run
 * was writing): the write was abandoned, the user's file left as it is; the next run sees the
 * edit and treats it as a change of its own.
 */
public final class LocalChangedException extends IOException {
  private static final long serialVersionUID = 1L;

  public LocalChangedException(String path) {
    super("local file changed during sync, left untouched: " + path);
  }
}
