package dev.ferry.cli;

import dev.ferry.ipc.RpcClient;
import dev.ferry.ipc.methods.EventsParams;
import dev.ferry.ipc.methods.Methods;
import java.nio.file.Path;
import java.util.Map;

/**
 * Feeds a {@link ProgressLine} from {@code events.subscribe} on a connection of its own while
 * the verb waits for its answer on the first one. A daemon that cannot stream (or a connection
 * that fails) only means no bar: the verb's result does not depend on it.
 */
final class ProgressFeed implements AutoCloseable {
  private final RpcClient client;
  private final Thread reader;
  private final ProgressLine line;

  private ProgressFeed(RpcClient client, Thread reader, ProgressLine line) {
    this.client = client;
    this.reader = reader;
    this.line = line;
  }

  /** Starts following; null when the daemon cannot be reached for it (the verb goes on without a bar). */
  static ProgressFeed start(Path socket, String folder, ProgressLine line) {
    RpcClient client;
    try {
      client = RpcClient.connect(socket);
    } catch (Exception e) {
      return null;
    }
    Thread reader = new Thread(() -> {
      try {
        client.stream(Methods.EVENTS_SUBSCRIBE, new EventsParams(folder), m -> {
          if (m.get("params") instanceof Map<?, ?> p) {
            @SuppressWarnings("unchecked")
            Map<String, Object> params = (Map<String, Object>) p;
            line.onEvent(params);
          }
        });
      } catch (Exception e) {
        // no bar then; the sync answer is what counts
      }
    }, "ferry-progress");
    reader.setDaemon(true);
    reader.start();
    return new ProgressFeed(client, reader, line);
  }

  /** Hangs up (the daemon drops the subscription) and wipes the bar. */
  @Override
  public void close() {
    client.close();
    try {
      reader.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    line.clear();
  }
}
