package dev.ferry.daemon.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * The body of a batch, {@code {"writes":[w1,w2,...]}}, written to the connection from the writes'
 * own JSON texts. Joining them into one string and encoding that to bytes held two more copies
 * of up to 4 MB for each batch in flight, a third of a 64 MiB heap uploading 60 KB files.
 * Repeatable: OkHttp may write it again when it retries on a fresh connection. Each text is
 * encoded by {@code String.getBytes}, one copy of a few dozen KB at a time: Okio's
 * {@code writeUtf8} walks a string a char at a time, slow on the daemon's C1-compiled code.
 */
final class BatchBody extends RequestBody {
  private static final String HEAD = "{\"writes\":[";
  private static final String TAIL = "]}";

  private final MediaType type;
  private final List<String> writesJson;
  private final long length;

  BatchBody(MediaType type, List<String> writesJson) {
    this.type = type;
    this.writesJson = List.copyOf(writesJson);
    long n = HEAD.length() + TAIL.length() + Math.max(0, writesJson.size() - 1);
    // Encoded here for the length and again as written, rather than kept as bytes: the caller
    // holds the texts until the answer comes, so kept bytes would be a second copy of the batch.
    for (String w : this.writesJson) n += w.getBytes(StandardCharsets.UTF_8).length;
    this.length = n;
  }

  @Override
  public MediaType contentType() {
    return type;
  }

  @Override
  public long contentLength() {
    return length;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    sink.writeUtf8(HEAD);
    for (int i = 0; i < writesJson.size(); i++) {
      if (i > 0) sink.writeByte(',');
      sink.write(writesJson.get(i).getBytes(StandardCharsets.UTF_8));
    }
    sink.writeUtf8(TAIL);
  }
}
