package dev.ferry.daemon.control;

import dev.ferry.daemon.Folders;
import dev.ferry.daemon.events.DaemonEvent;
import dev.ferry.daemon.events.EventBus;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcStream;
import dev.ferry.ipc.StreamingRpcHandler;
import dev.ferry.ipc.methods.EventsParams;
import dev.ferry.ipc.methods.Methods;
import javax.inject.Inject;

/**
 * {@code events.subscribe}: every {@link DaemonEvent} (of one folder when asked) as an {@code
 * event} notification, until the client hangs up. The bus listener only queues; this call's own
 * thread writes, so a slow client costs its own queue ({@value #QUEUE} events, oldest dropped
 * first, with a {@code lagged} notice) and never a run thread.
 */
public final class EventsSubscribeHandler implements StreamingRpcHandler {
  static final int QUEUE = 1024;

  private final EventBus events;
  private final Folders folders;

  @Inject
  public EventsSubscribeHandler(EventBus events, Folders folders) {
    this.events = events;
    this.folders = folders;
  }

  @Override
  public Object handle(RpcCall call, RpcStream stream) throws RpcException {
    EventsParams params = call.params(EventsParams.class);
    String folder = params == null ? null : params.folder();
    if (folder != null) FolderSelection.resolve(folders, folder);
    LaggingQueue<DaemonEvent> queue = new LaggingQueue<>(QUEUE);
    try (EventBus.Subscription s = events.subscribe(e -> {
      if (folder == null || folder.equals(e.folder())) queue.offer(e);
    })) {
      StreamDrain.run(queue, stream, Methods.EVENT, EventViews::of, EventViews::lagged);
    }
    return null;
  }
}
