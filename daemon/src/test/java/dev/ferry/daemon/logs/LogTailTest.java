package dev.ferry.daemon.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
  @TempDir Path dir;

  static String line(int n, String level, String folder) {
    return "{\"ts\":\"2025-03-01T12:00:0" + (n % 10) + "Z\",\"level\":\"" + level + "\",\"logger\":\"x\",\"msg\":\"m" + n + "\""
        + (folder == null ? "" : ",\"folder\":\"" + folder + "\"") + "}\n";
  }

  static List<String> msgs(List<LogLine> lines) {
    return lines.stream().map(LogLine::msg).toList();
  }

  @Test
  void lastLinesReachIntoRotatedFilesNewestLast() throws IOException {
    Path live = dir.resolve("daemon.log");
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(dir.resolve("daemon.1.log.gz")))) {
      gz.write((line(1, "INFO", null) + line(2, "WARN", "docs")).getBytes(StandardCharsets.UTF_8));
    }
    Files.writeString(live, line(3, "INFO", "docs") + "not json\n" + line(4, "ERROR", null));
    LogTail tail = new LogTail(live);
    assertEquals(List.of("m3", "m4"), msgs(tail.last(LogFilter.all(), 2)));
    assertEquals(List.of("m2", "m3", "m4"), msgs(tail.last(LogFilter.all(), 3)));
    assertEquals(List.of("m1", "m2", "m3", "m4"), msgs(tail.last(LogFilter.all(), 0)));
    assertEquals(List.of("m2", "m4"), msgs(tail.last(new LogFilter("warn", null), 0)));
    assertEquals(List.of("m2", "m3"), msgs(tail.last(new LogFilter(null, "docs"), 0)));
    // Bounded to the bytes a follower starts after: m4 is left for it.
    assertEquals(List.of("m1", "m2", "m3"), msgs(tail.last(LogFilter.all(), 0, line(3, "INFO", "docs").length())));
  }

  @Test
  void anUnknownLevelIsRefusedByName() {
    var e = assertThrows(IllegalArgumentException.class, () -> new LogFilter("loud", null));
    assertTrue(e.getMessage().contains("'loud'"), e.getMessage());
  }

  @Test
  void followSurvivesRotationAndTruncationAndWaitsForWholeLines() throws Exception {
    Path live = dir.resolve("daemon.log");
    Files.writeString(live, line(0, "INFO", null));
    LogTail tail = new LogTail(live);
    List<String> seen = new CopyOnWriteArrayList<>();
    AtomicBoolean running = new AtomicBoolean(true);
    long start = tail.size(); // taken before anything is appended, as LogsCommand does
    Thread follower = new Thread(() -> {
      try {
        tail.follow(start, LogFilter.all(), l -> seen.add(l.msg()), running::get, Duration.ofMillis(20));
      } catch (IOException | InterruptedException e) {
        seen.add("failed: " + e);
      }
    });
    follower.start();
    try {
      append(live, line(1, "INFO", null) + line(2, "INFO", null).substring(0, 10));
      awaitSeen(seen, List.of("m1"));
      append(live, line(2, "INFO", null).substring(10));
      awaitSeen(seen, List.of("m1", "m2"));
      // Rotation: the live file is renamed away and a new one takes its name.
      append(live, line(3, "INFO", null));
      Files.move(live, dir.resolve("daemon.1.log"));
      Files.writeString(live, line(4, "INFO", null));
      awaitSeen(seen, List.of("m1", "m2", "m3", "m4"));
      // Truncation in place: reading starts over from the beginning.
      Files.writeString(live, "{\"level\":\"INFO\",\"msg\":\"m5\"}\n", StandardOpenOption.TRUNCATE_EXISTING);
      awaitSeen(seen, List.of("m1", "m2", "m3", "m4", "m5"));
    } finally {
      running.set(false);
      follower.join(5_000);
    }
  }

  private static void append(Path p, String s) throws IOException {
    Files.writeString(p, s, StandardOpenOption.APPEND);
  }

  private static void awaitSeen(List<String> seen, List<String> want) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!seen.equals(want) && System.nanoTime() < deadline) {
      if (seen.size() > want.size()) break;
      Thread.sleep(10);
    }
    assertEquals(want, seen);
  }
}
