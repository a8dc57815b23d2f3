package dev.ferry.ipc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A bare socket client for sending exactly the bytes a test wants and reading raw lines. */
final class RawConnection implements AutoCloseable {
  final SocketChannel channel;
  private final BufferedReader reader;

  RawConnection(Path socket) throws IOException {
    channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(socket));
    reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
  }

  void send(String text) throws IOException {
    send(text.getBytes(StandardCharsets.UTF_8));
  }

  void send(byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) channel.write(buffer);
  }

  /** The next line, or null at end of stream or on a reset. */
  String readLine() throws IOException {
    try {
      return reader.readLine();
    } catch (java.net.SocketException reset) {
      return null;
    }
  }

  String call(String requestLine) throws IOException {
    send(requestLine + "\n");
    return readLine();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
