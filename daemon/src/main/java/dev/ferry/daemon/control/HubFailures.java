package dev.ferry.daemon.control;

import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.daemon.remote.HubException;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import java.util.Map;

/** A failed hub call as the control socket reports it: auth errors exit 5, unknown things NOT_FOUND. */
final class HubFailures {
  private HubFailures() {}

  static RpcException toRpc(String doing, HubException e) {
    Map<String, Object> data = Map.of("category", e.category().wireName(), "status", e.status());
    if (e.category() == ErrorCategory.AUTH) {
      return new RpcException(RpcErrors.AUTH_ERROR, doing + ": the hub refused this device's credentials: " + e.getMessage(), data);
    }
    if (e.status() == 404) return new RpcException(RpcErrors.NOT_FOUND, doing + ": " + e.getMessage(), data);
    return new RpcException(RpcErrors.FAILED, doing + ": " + e.getMessage(), data);
  }
}
