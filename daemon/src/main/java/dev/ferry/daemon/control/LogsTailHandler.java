package dev.ferry.daemon.control;

import dev.ferry.daemon.logs.LogFanout;
import dev.ferry.daemon.logs.LogFilter;
import dev.ferry.daemon.logs.LogLine;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcStream;
import dev.ferry.ipc.StreamingRpcHandler;
import dev.ferry.ipc.methods.LogsTailParams;
import dev.ferry.ipc.methods.Methods;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * {@code logs.tail}: the daemon's log lines from now on, each a {@code log} notification whose
 * params are the line's JSON object, filtered by level and folder. The logging call only queues
 * the formatted line; parsing and filtering happen on this call's thread.
 */
public final class LogsTailHandler implements StreamingRpcHandler {
  static final int QUEUE = 2048;

  private final LogFanout fanout;

  @Inject
  public LogsTailHandler(LogFanout fanout) {
    this.fanout = fanout;
  }

  @Override
  public Object handle(RpcCall call, RpcStream stream) throws RpcException {
    LogsTailParams params = call.params(LogsTailParams.class);
    LogFilter filter;
    try {
      filter = params == null ? LogFilter.all() : new LogFilter(params.level(), params.folder());
    } catch (IllegalArgumentException e) {
      throw new RpcException(RpcErrors.INVALID_PARAMS, e.getMessage());
    }
    LaggingQueue<String> queue = new LaggingQueue<>(QUEUE);
    try (LogFanout.Subscription s = fanout.subscribe(queue::offer)) {
      StreamDrain.run(queue, stream, Methods.LOG, raw -> {
        Optional<LogLine> line = LogLine.parse(raw);
        return line.isPresent() && filter.test(line.get()) ? line.get().fields() : null;
      }, LogsTailHandler::lagged);
    }
    return null;
  }

  private static Object lagged(long dropped) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lagged", true);
    m.put("dropped", dropped);
    return m;
  }
}
