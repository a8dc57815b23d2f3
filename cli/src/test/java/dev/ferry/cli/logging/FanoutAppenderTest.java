package dev.ferry.cli.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.daemon.logs.LogFanout;
import dev.ferry.daemon.logs.LogLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The service logging hands each line, as written to the file, to the daemon's fanout once connected. */
class FanoutAppenderTest {
  Path dir;

  @AfterEach
  void reset() throws Exception {
    FanoutAppender.connect(null);
    Logging.resetToDefault();
    if (dir != null) {
      try (var s = Files.walk(dir)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      }
    }
  }

  @Test
  void linesReachSubscribersOnlyWhileConnected() throws Exception {
    dir = Files.createTempDirectory("fanout");
    Logging.forService(dir, "daemon", "laptop", false);
    LogFanout fanout = new LogFanout();
    List<String> got = new CopyOnWriteArrayList<>();
    fanout.subscribe(got::add);
    var log = LoggerFactory.getLogger("dev.ferry.test");

    log.info("before the daemon connects");
    assertTrue(got.isEmpty());

    FanoutAppender.connect(fanout);
    MDC.put("folder", "docs");
    try {
      log.warn("sync failed for {}", "docs");
    } finally {
      MDC.remove("folder");
    }
    assertEquals(1, got.size());
    LogLine line = LogLine.parse(got.get(0)).orElseThrow();
    assertEquals("WARN", line.level());
    assertEquals("docs", line.folder());
    assertEquals("sync failed for docs", line.msg());
    assertFalse(got.get(0).endsWith("\n"));
    // Exactly the line the file got.
    assertTrue(Files.readAllLines(dir.resolve("daemon.log")).contains(got.get(0)));
  }
}
