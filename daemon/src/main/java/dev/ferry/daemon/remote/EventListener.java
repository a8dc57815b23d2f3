package dev.ferry.daemon.remote;

import dev.ferry.protocol.ChangeEvent;

/**
 * Receives a folder's event stream, on an OkHttp thread. A stream ends with exactly one of
 * {@link #onClosed()} or {@link #onFailure}, unless the caller closed it first, in which case
 * it ends silently. Implementations should return quickly (hand the event to the scheduler).
 */
public interface EventListener {

  /** The hub accepted the subscription; events follow. */
  default void onOpen() {}

  /** Another write was accepted on the hub; {@code event.seq()} is also the SSE id. */
  void onChange(ChangeEvent event);

  /** The hub ended the stream cleanly (for example on shutdown). */
  default void onClosed() {}

  /** The stream could not be opened or broke; the category says whether to reconnect. */
  void onFailure(HubException failure);
}
