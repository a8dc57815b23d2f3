package dev.ferry.daemon.engine;

import dev.ferry.daemon.crypto.FolderCrypto;
import dev.ferry.daemon.local.FastCdc;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where the chunks a download needs already sit in the local file it replaces: chunk id →
 * (offset, length), found by cutting the local file the same content-defined way. Only
 * positions are kept, never the bytes, so memory stays small whatever the file's size.
 */
final class LocalChunks implements AutoCloseable {
  private record Span(long offset, int length) {}

  private static final LocalChunks NONE = new LocalChunks(null, Map.of());

  private final Path file;
  private final Map<String, Span> spans;
  private RandomAccessFile reader;

  private LocalChunks(Path file, Map<String, Span> spans) {
    this.file = file;
    this.spans = spans;
  }

  /** Indexes the chunks of {@code file} that {@code wanted} names; none when the file is absent. */
  static LocalChunks index(Path file, FolderCrypto crypto, Collection<String> wanted) throws IOException {
    if (file == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return NONE;
    Set<String> need = new HashSet<>(wanted);
    Map<String, Span> spans = new HashMap<>();
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      FastCdc.ChunkReader chunks = FastCdc.DEFAULT.chunks(in);
      while (chunks.advance()) {
        String id = crypto.chunkId(chunks.array(), chunks.chunkStart(), chunks.chunkLength());
        if (need.contains(id)) spans.putIfAbsent(id, new Span(chunks.chunkOffset(), chunks.chunkLength()));
      }
    } catch (java.nio.file.NoSuchFileException gone) {
      return NONE;
    }
    return spans.isEmpty() ? NONE : new LocalChunks(file, spans);
  }

  /** The chunk's plaintext from the local file, or null when the hub must send it. */
  byte[] read(String id) throws IOException {
    Span s = spans.get(id);
    if (s == null) return null;
    if (reader == null) reader = new RandomAccessFile(file.toFile(), "r");
    byte[] buf = new byte[s.length()];
    reader.seek(s.offset());
    reader.readFully(buf);
    return buf;
  }

  @Override
  public void close() throws IOException {
    if (reader != null) reader.close();
  }
}
