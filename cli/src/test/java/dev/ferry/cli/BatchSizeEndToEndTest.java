package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.cli.testing.TestDevice;
import dev.ferry.cli.testing.Trees;
import dev.ferry.server.testing.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code performance.batch_size} decides how many writes go to the hub in one request. */
class BatchSizeEndToEndTest {
  private static final Pattern BATCHES =
      Pattern.compile("ferry_http_requests_total\\{method=\"POST\",route=\"[^\"]*/batch\",status=\"200\"} (\\d+)");

  @Test
  void writesGoInBatchesOfTheConfiguredSize() throws Exception {
    Path base = Files.createTempDirectory(Path.of("/tmp"), "ferry-batch");
    try (TestHub hub = TestHub.start(); TestDevice a = TestDevice.create(base, "a").manualOnly()) {
      Files.writeString(a.home().resolve("config.toml"), "[performance]\nbatch_size = 7\n", StandardOpenOption.APPEND);
      a.init(hub.url().toString(), "alice", hub.invite());
      a.addFolder("docs");
      for (int i = 0; i < 20; i++) Files.writeString(a.folder().resolve("note-" + i + ".txt"), "note " + i);
      a.startDaemon();
      a.sync().expect(0);
      // 20 small files: batches of 7, 7 and 6.
      assertEquals(3, batchesAnswered(hub), "batch requests");
    } finally {
      Trees.deleteRecursively(base);
    }
  }

  private static long batchesAnswered(TestHub hub) {
    String metrics = hub.http().get("/metrics").send().body();
    Matcher m = BATCHES.matcher(metrics);
    long n = 0;
    while (m.find()) n += Long.parseLong(m.group(1));
    return n;
  }
}
