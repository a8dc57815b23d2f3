package dev.ferry.ipc;

import java.io.IOException;

/**
 * Nothing serves the control socket: the file is absent, or it is stale (connection refused).
 * The command line answers it with exit code 3.
 */
public class DaemonNotRunningException extends IOException {
  public DaemonNotRunningException(String message) { super(message); }

  public DaemonNotRunningException(String message, Throwable cause) { super(message, cause); }
}
