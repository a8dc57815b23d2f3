package dev.ferry.daemon.control;

import dev.ferry.ipc.RpcStream;
import java.io.IOException;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The sending half of a streaming method: takes items off the subscriber's own {@link
 * LaggingQueue} and sends them as notifications until the client hangs up. A gap left by
 * dropped items is announced before the next item.
 */
final class StreamDrain {
  /** How often an idle stream wakes to notice a hang-up that came without an interrupt. */
  private static final long IDLE_CHECK_MS = 1_000;

  private StreamDrain() {}

  static <T> void run(LaggingQueue<T> queue, RpcStream stream, String method, Function<T, Object> view,
      LongFunction<Object> lagged) {
    try {
      while (stream.isOpen()) {
        LaggingQueue.Next<T> next = queue.next(IDLE_CHECK_MS);
        if (next == null) continue;
        if (next.droppedBefore() > 0) stream.notify(method, lagged.apply(next.droppedBefore()));
        Object params = view.apply(next.item());
        if (params != null) stream.notify(method, params);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the client hung up
    } catch (IOException e) {
      // the client hung up while we wrote
    }
  }
}
