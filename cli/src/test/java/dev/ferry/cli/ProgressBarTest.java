package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The progress line as a pure function, and its in-place redraw. */
class ProgressBarTest {
  @ParameterizedTest(name = "{0}/{1} files, {2}/{3} bytes, {4} B/s, {5} cols")
  @CsvSource(delimiter = '|', value = {
      // nothing planned: nothing drawn
      "0|0|0|0|-1|79|''",
      // files only (deletions, directories): the bar follows files; no bytes, no rate
      "1|4|0|0|-1|79|'[#####...............]  25%  1/4 files'",
      // bytes lead the bar; the rate appears once known
      "2|5|1048576|4194304|-1|79|'[#####...............]  25%  2/5 files  1.0 MiB of 4.0 MiB'",
      "5|5|4194304|4194304|524288|79|'[####################] 100%  5/5 files  4.0 MiB of 4.0 MiB  512.0 KiB/s'",
      // counts past the plan (a run that found more) never overflow the bar
      "7|5|9000|4000|-1|79|'[####################] 100%  5/5 files  3.9 KiB of 3.9 KiB'",
      // a narrow terminal cuts the line
      "1|2|0|0|-1|12|'[##########.'",
  })
  void rendersOneLine(long fd, long ft, long bd, long bt, double rate, int width, String expected) {
    assertEquals(expected, ProgressBar.render(fd, ft, bd, bt, rate, width));
  }

  @Test
  void redrawsInPlaceAndWipesItself() {
    StringWriter s = new StringWriter();
    ProgressLine line = new ProgressLine(new PrintWriter(s), 79);
    line.onEvent(Map.of("type", "state", "folder", "docs"));
    assertEquals("", s.toString(), "only progress draws");
    line.onEvent(Map.of("type", "progress", "folder", "docs", "filesDone", 1.0, "filesTotal", 2.0, "bytesDone", 0.0, "bytesTotal", 0.0));
    line.onEvent(Map.of("type", "progress", "folder", "docs", "filesDone", 2.0, "filesTotal", 2.0, "bytesDone", 0.0, "bytesTotal", 0.0));
    String drawn = s.toString();
    assertTrue(drawn.startsWith("\r[##########..........]  50%  1/2 files\r[####################] 100%  2/2 files"), drawn);
    assertFalse(drawn.contains("\n"));
    line.clear();
    assertTrue(s.toString().endsWith("\r" + " ".repeat("[####################] 100%  2/2 files".length()) + "\r"));
    int before = s.toString().length();
    line.clear();
    assertEquals(before, s.toString().length(), "nothing left to wipe");
  }

  @Test
  void widthComesFromColumns() {
    assertEquals(119, ProgressLine.terminalWidth(Map.of("COLUMNS", "120")));
    assertEquals(ProgressLine.DEFAULT_WIDTH, ProgressLine.terminalWidth(Map.of()));
    assertEquals(ProgressLine.DEFAULT_WIDTH, ProgressLine.terminalWidth(Map.of("COLUMNS", "wide")));
  }
}
