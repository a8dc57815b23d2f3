package dev.ferry.ipc;

/**
 * Answers one JSON-RPC method. The returned value becomes the response's {@code result}: a
 * record, a {@code Map}, a {@code List}, a string, a number, or {@code null}; it is serialized
 * with {@link dev.ferry.protocol.Json#moshi()}. Throw {@link RpcException} for an error the
 * client should see with its own code; any other exception becomes a generic internal error
 * (the stack trace goes to the daemon log, never to the client).
 *
 * <p>Handlers run on the requesting client's connection thread, one call at a time per client,
 * concurrently across clients.
 */
@FunctionalInterface
public interface RpcHandler {
  Object handle(RpcCall call) throws RpcException;
}
