package dev.ferry.ipc;

import java.io.IOException;

/**
 * The daemon went away while a client was talking to it (it stopped, crashed or was killed):
 * the connection closed before the answer came, or a request could not be written. Like
 * {@link DaemonNotRunningException}, what follows is a client with no daemon (exit code 3).
 */
public final class DaemonStoppedException extends DaemonNotRunningException {
  public DaemonStoppedException(String message) { super(message); }

  public DaemonStoppedException(String message, IOException cause) { super(message, cause); }
}
