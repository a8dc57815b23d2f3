package dev.ferry.cli;

import dev.ferry.ipc.RpcClient;
import dev.ferry.ipc.RpcException;
import java.io.IOException;

/** One call to the running daemon over its control socket; connection errors mean "no daemon" (exit 3). */
final class DaemonCall {
  private DaemonCall() {}

  static <T> T call(CommonOptions common, String method, Object params, Class<T> resultType) throws IOException, RpcException {
    try (RpcClient client = RpcClient.connect(common.locations().socketPath())) {
      return client.call(method, params, resultType);
    }
  }
}
