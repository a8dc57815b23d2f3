package dev.ferry.ipc;

/**
 * A method that sends notifications ({@code events.subscribe}, {@code logs.tail}) until it
 * returns or the client hangs up. It runs on its own thread so the connection keeps reading and
 * notices the hang-up at once: {@link RpcStream#isOpen()} turns false, {@link
 * RpcStream#awaitClosed()} returns, {@link RpcStream#notify} throws, and the handler's thread is
 * interrupted. The value it returns is sent as the final response if the client is still there.
 *
 * <p>Register it in the same handler map as plain methods; the server recognizes the type.
 */
@FunctionalInterface
public interface StreamingRpcHandler extends RpcHandler {
  Object handle(RpcCall call, RpcStream stream) throws RpcException;

  /** The server always calls {@link #handle(RpcCall, RpcStream)}; this is never used by it. */
  @Override
  default Object handle(RpcCall call) throws RpcException {
    throw new RpcException(RpcErrors.INTERNAL_ERROR, call.method() + " is a streaming method and needs a stream");
  }
}
