package dev.ferry.server.events;

import java.io.IOException;

/** Where one subscriber's event-stream bytes go: the open HTTP response. */
public interface SseSink {
  /** Writes and flushes one complete frame; blocking. */
  void write(byte[] frame) throws IOException;

  /** Ends the response; safe to call more than once. */
  void close();
}
