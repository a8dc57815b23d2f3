package dev.ferry.ipc;

import java.io.IOException;

/** The outgoing side of a streaming call: notifications to one client until it hangs up. */
public interface RpcStream {
  /**
   * Sends {@code {"jsonrpc":"2.0","method":METHOD,"params":PARAMS}} as one line. Blocks while the
   * client is not reading (back pressure). Throws once the client has hung up.
   */
  void notify(String method, Object params) throws IOException;

  /** False once the client closed its side of the socket or a send failed. */
  boolean isOpen();

  /** Blocks until the client hangs up (or the server closes). */
  void awaitClosed() throws InterruptedException;
}
