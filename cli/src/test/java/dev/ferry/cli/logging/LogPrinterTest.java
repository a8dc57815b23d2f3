package dev.ferry.cli.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.daemon.logs.LogLine;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogPrinterTest {
  static final String RAW = "{\"ts\":\"2025-03-01T12:00:00.250Z\",\"level\":\"WARN\",\"logger\":\"daemon.engine.FolderSync\","
      + "\"msg\":\"sync end\",\"device\":\"laptop\",\"folder\":\"docs\",\"trigger\":\"manual\",\"duration_ms\":42,"
      + "\"error\":\"java.io.IOException: boom\\n\\tat x.y(Z.java:1)\"}";

  @Test
  void prettyShowsTimeLevelFolderMessageAndTheRestAsPairs() {
    LogLine line = LogLine.parse(RAW).orElseThrow();
    String s = new LogPrinter(false, false, ZoneOffset.UTC).format(line);
    assertEquals("2025-03-01 12:00:00.250 WARN  docs sync end trigger=manual duration_ms=42\n"
        + "    java.io.IOException: boom\n    \tat x.y(Z.java:1)", s);
  }

  @Test
  void jsonIsTheLineAsWrittenAndNeverColoured() {
    LogLine line = LogLine.parse(RAW).orElseThrow();
    assertEquals(RAW, new LogPrinter(true, true, ZoneOffset.UTC).format(line));
  }

  @Test
  void coloursOnlyOnATerminalWithoutNoColor() {
    assertTrue(LogPrinter.colourWanted(true, Map.of()));
    assertTrue(LogPrinter.colourWanted(true, Map.of("NO_COLOR", "")));
    assertFalse(LogPrinter.colourWanted(true, Map.of("NO_COLOR", "1")));
    assertFalse(LogPrinter.colourWanted(false, Map.of()));
    String coloured = new LogPrinter(false, true, ZoneOffset.UTC).format(LogLine.parse(RAW).orElseThrow());
    assertTrue(coloured.contains("\u001b[33mWARN \u001b[0m"), coloured);
  }
}
