package dev.ferry.daemon.control;

import dev.ferry.daemon.ShutdownSignal;
import dev.ferry.ipc.AfterReply;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.ShutdownResult;
import javax.inject.Inject;

/** {@code shutdown}: stop the daemon after runs in progress finish. */
public final class ShutdownHandler implements RpcHandler {
  private final ShutdownSignal signal;

  @Inject
  ShutdownHandler(ShutdownSignal signal) {
    this.signal = signal;
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    call.noParams(); // {"dryRun":true} or a typo stops nothing
    // Stop only once the answer is out: closing the socket first would leave the client without one.
    return new AfterReply(new ShutdownResult(true), signal::request);
  }
}
