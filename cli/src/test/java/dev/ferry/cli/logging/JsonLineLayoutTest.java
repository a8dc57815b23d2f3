package dev.ferry.cli.logging;

import static org.junit.jupiter.api.Assertions.*;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.ferry.protocol.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One log line: a JSON object whose counters and timings are numbers a log query can compare. */
class JsonLineLayoutTest {
  @Test
  void countersAndEveryTimingAreNumbersAndTheRestIsText() {
    LoggerContext context = new LoggerContext();
    LoggingEvent e = new LoggingEvent("x", context.getLogger("dev.ferry.daemon.engine.FolderSync"), Level.INFO,
        "sync end: {}", null, new Object[] {"ok"});
    Map<String, String> mdc = new LinkedHashMap<>();
    mdc.put("folder", "docs");
    mdc.put("duration_ms", "652");
    mdc.put("scan_ms", "70");
    mdc.put("fetch_ms", "385");
    mdc.put("pull_ms", "393");
    mdc.put("push_ms", "23");
    mdc.put("bytes_up", "180");
    mdc.put("sync_id", "mxd9ddpf-60");
    mdc.put("trigger", "12");
    e.setMDCPropertyMap(mdc);
    JsonLineLayout layout = new JsonLineLayout();
    layout.setDevice("laptop");
    String line = layout.doLayout(e);
    Map<?, ?> doc = Json.read(Map.class, line);
    for (String k : new String[] {"duration_ms", "scan_ms", "fetch_ms", "pull_ms", "push_ms", "bytes_up"}) {
      assertInstanceOf(Number.class, doc.get(k), k + " in " + line);
    }
    assertEquals(393.0, doc.get("pull_ms"));
    assertEquals("12", doc.get("trigger"), "a field that is not a number stays text, even when it looks like one");
    assertEquals("sync end: ok", doc.get("msg"));
    assertEquals("laptop", doc.get("device"));
  }
}
