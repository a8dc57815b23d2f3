package dev.ferry.ipc;

import java.io.IOException;

/** {@link RpcServer#start()} found a live daemon answering on the socket it was to serve. */
public class DaemonAlreadyRunningException extends IOException {
  public DaemonAlreadyRunningException(String message) { super(message); }
}
