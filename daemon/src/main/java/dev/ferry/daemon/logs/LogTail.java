package dev.ferry.daemon.logs;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Reads a size-rotated service log ({@code daemon.log}, then {@code daemon.1.log.gz} …
 * {@code daemon.5.log.gz}, newest first, as {@code dev.ferry.cli.logging.Logging} rolls it): the last lines that pass
 * a filter, and following the live file like {@code tail -F}, which keeps going when the file is
 * rotated away or truncated. Only complete lines are handed on; a line being written is waited
 * for.
 */
public final class LogTail {
  private final Path file;

  /** {@code file} is the live log, for example {@code logs/daemon.log}. */
  public LogTail(Path file) {
    this.file = file;
  }

  public Path file() { return file; }

  /** The rotated files, newest first ({@code daemon.1.log.gz}, {@code daemon.2.log.gz}, ...). */
  List<Path> rotated() {
    String name = file.getFileName().toString();
    String base = name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
    List<Path> out = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      Path p = file.resolveSibling(base + "." + i + ".log.gz");
      if (!Files.exists(p)) break;
      out.add(p);
    }
    return out;
  }

  /**
   * The last {@code limit} lines that pass {@code filter}, oldest first, reaching into rotated
   * files when the live one has fewer. {@code limit <= 0} means every line.
   */
  public List<LogLine> last(Predicate<LogLine> filter, int limit) throws IOException {
    return last(filter, limit, Long.MAX_VALUE);
  }

  /**
   * As {@link #last(Predicate, int)}, reading the live file only up to byte {@code liveBytes}:
   * a follower that starts there then neither misses nor repeats a line.
   */
  public List<LogLine> last(Predicate<LogLine> filter, int limit, long liveBytes) throws IOException {
    Deque<LogLine> collected = new ArrayDeque<>();
    List<Path> files = new ArrayList<>();
    files.add(file);
    files.addAll(rotated());
    for (Path p : files) {
      if (limit > 0 && collected.size() >= limit) break;
      long bytes = p.equals(file) ? liveBytes : Long.MAX_VALUE;
      List<LogLine> fromFile = readAll(p, filter, limit > 0 ? limit - collected.size() : 0, bytes);
      for (int i = fromFile.size() - 1; i >= 0; i--) collected.addFirst(fromFile.get(i));
    }
    return new ArrayList<>(collected);
  }

  /** The last {@code limit} matching lines of one file (all when limit is 0); none if it is gone. */
  private static List<LogLine> readAll(Path p, Predicate<LogLine> filter, int limit, long maxBytes) throws IOException {
    Deque<LogLine> ring = new ArrayDeque<>();
    InputStream in;
    try {
      in = Files.newInputStream(p);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    if (p.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in);
    } else if (maxBytes != Long.MAX_VALUE) {
      try (InputStream whole = in) {
        in = new java.io.ByteArrayInputStream(whole.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes)));
      }
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String s;
      while ((s = r.readLine()) != null) {
        LogLine line = LogLine.parse(s).orElse(null);
        if (line == null || !filter.test(line)) continue;
        ring.addLast(line);
        if (limit > 0 && ring.size() > limit) ring.removeFirst();
      }
    }
    return new ArrayList<>(ring);
  }

  /** The live file's current size: where {@link #follow} starts to show only new lines. */
  public long size() throws IOException {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  /**
   * Hands every new complete line from byte {@code from} on to {@code sink} until {@code running}
   * turns false or the thread is interrupted. Checks every {@code poll} for growth; when the
   * file is replaced (rotation) it finishes the old file and continues from the start of the
   * new one, and when it shrinks (truncation) it starts over from its beginning.
   */
  public void follow(long from, Predicate<LogLine> filter, Consumer<LogLine> sink, BooleanSupplier running, Duration poll)
      throws IOException, InterruptedException {
    FileChannel ch = null;
    Object key = null;
    long pos = from;
    ByteArrayOutputStream partial = new ByteArrayOutputStream();
    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    try {
      while (running.getAsBoolean()) {
        if (Thread.interrupted()) throw new InterruptedException();
        if (ch == null) {
          try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
            key = fileKey(file);
            if (pos > ch.size()) pos = 0;
          } catch (NoSuchFileException e) {
            Thread.sleep(poll.toMillis());
            continue;
          }
        }
        int n = ch.read(buf, pos);
        if (n > 0) {
          pos += n;
          buf.flip();
          emit(buf, partial, filter, sink);
          buf.clear();
          continue;
        }
        Object now = fileKeyOrNull(file);
        if (now != null && !Objects.equals(now, key)) {
          // Rotated: the old file is complete (drained above); the new one is read from its start.
          ch.close();
          ch = null;
          pos = 0;
          partial.reset();
          continue;
        }
        if (ch.size() < pos) {
          pos = 0; // truncated in place
          partial.reset();
          continue;
        }
        Thread.sleep(poll.toMillis());
      }
    } finally {
      if (ch != null) ch.close();
    }
  }

  private static void emit(ByteBuffer buf, ByteArrayOutputStream partial, Predicate<LogLine> filter, Consumer<LogLine> sink) {
    while (buf.hasRemaining()) {
      byte b = buf.get();
      if (b != '\n') {
        partial.write(b);
        continue;
      }
      String s = partial.toString(StandardCharsets.UTF_8);
      partial.reset();
      LogLine.parse(s).filter(filter).ifPresent(sink);
    }
  }

  private static Object fileKey(Path p) throws IOException {
    return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
  }

  private static Object fileKeyOrNull(Path p) {
    try {
      return fileKey(p);
    } catch (IOException e) {
      return null;
    }
  }
}
