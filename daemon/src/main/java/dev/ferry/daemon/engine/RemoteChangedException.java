package dev.ferry.daemon.engine;

import java.io.IOException;

/**
 * The revision a run decided on is no longer on the hub: a newer one replaced it after the run
 * read the change feed, and the next run brings that one. Nothing was written.
 */
final class RemoteChangedException extends IOException {
  private static final long serialVersionUID = 1L;

  RemoteChangedException(String path, long rev) {
    super("rev " + rev + " of " + path + " was replaced on the hub during sync; the next sync brings the newer one");
  }
}
