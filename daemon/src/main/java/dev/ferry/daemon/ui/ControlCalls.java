package dev.ferry.daemon.ui;

import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The dashboard asks the daemon exactly what {@code ferry} asks it: the same control-socket
 * handlers, called in process, so a page never shows something the command line would not.
 */
final class ControlCalls {
  private final Supplier<Map<String, RpcHandler>> handlers;

  ControlCalls(Supplier<Map<String, RpcHandler>> handlers) {
    this.handlers = handlers;
  }

  boolean has(String method) {
    return handlers.get().containsKey(method);
  }

  /** Calls {@code method} with {@code params} (a params record) and casts the answer to {@code type}. */
  <T> T call(String method, Object params, Class<T> type) throws RpcException {
    RpcHandler h = handlers.get().get(method);
    if (h == null) throw new RpcException(RpcErrors.METHOD_NOT_FOUND, "this daemon does not offer " + method);
    Object result = h.handle(RpcCall.of(method, params));
    if (!type.isInstance(result)) {
      throw new RpcException(RpcErrors.INTERNAL_ERROR, method + " answered with " + (result == null ? "nothing" : result.getClass().getSimpleName()));
    }
    return type.cast(result);
  }
}
