package dev.ferry.daemon.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.config.FerryConfig;
import dev.ferry.config.FerryLocations;
import dev.ferry.config.UiSettings;
import dev.ferry.ipc.methods.RunView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardPartsTest {
  @Test
  void htmlEscapesEverythingThatCouldOpenMarkup() {
    assertEquals("&lt;script&gt;&amp;&quot;&#39;", Html.esc("<script>&\"'"));
    assertEquals("", Html.esc(null));
  }

  @Test
  void sideBySideLinesUpEqualLinesAndPairsChangedOnes() {
    var rows = SideBySide.align(SideBySide.lines("a\nb\nc\n"), SideBySide.lines("a\nB\nc\nd\n"));
    assertEquals(List.of(new SideBySide.Row("a", "a", false), new SideBySide.Row("b", "B", true),
        new SideBySide.Row("c", "c", false), new SideBySide.Row(null, "d", true)), rows);
    assertEquals(List.of(new SideBySide.Row("x", "x", false)), SideBySide.align(List.of("x"), List.of("x")));
  }

  @Test
  void binaryOrMalformedContentIsNotShownAsText() {
    assertEquals("héllo", ConflictFiles.textOrNull("héllo".getBytes(StandardCharsets.UTF_8)));
    assertNull(ConflictFiles.textOrNull(new byte[] {'a', 0, 'b'}));
    assertNull(ConflictFiles.textOrNull(new byte[] {(byte) 0xC3}));
  }

  @Test
  void theChartDrawsOneBarPerRunOfTheWindow() {
    Instant now = Instant.parse("2030-01-02T00:00:00Z");
    RunView recent = new RunView("docs", "manual", "both", now.minusSeconds(3600), 2000, "ok", 1, 0, 0, 0, 10, 0, null, null);
    RunView failed = new RunView("docs", "manual", "both", now.minusSeconds(60), 500, "failed", 0, 0, 0, 0, 0, 0, "x", "network");
    RunView old = new RunView("docs", "manual", "both", now.minus(Duration.ofDays(2)), 9000, "ok", 0, 0, 0, 0, 0, 0, null, null);
    String svg = RunChart.svg("c", "Sync duration", List.of(recent, failed, old), now, Duration.ofDays(1), RunView::durationMs,
        Html::duration);
    assertEquals(2, svg.split("class=\"bar ").length - 1, svg);
    assertTrue(svg.contains("class=\"bar bad\""));
    assertTrue(svg.contains("highest bar: 2.0 s"), svg);
  }

  @Test
  void disabledInConfigItServesNothing(@TempDir Path home) throws Exception {
    FerryConfig base = FerryConfig.defaults();
    FerryConfig off = new FerryConfig(null, null, base.sync(), base.triggers(), base.performance(), base.retry(), base.offline(),
        new UiSettings(false, 0), List.of(), null);
    DashboardServer server = new DashboardServer(off, Map::of, null, null, FerryLocations.fromEnvironment(home),
        Clock.systemUTC(), new SecureRandom());
    server.start();
    assertTrue(server.address().isEmpty());
    assertTrue(server.signInUrl().isEmpty());
    server.close();
  }

  @Test
  void progressShowsThePhaseOfARunAndHidesWhenIdle() {
    assertTrue(OverviewPage.progress("UPLOADING").contains("value=\"4\""));
    assertFalse(OverviewPage.progress("UPLOADING").contains("hidden"));
    assertTrue(OverviewPage.progress("IDLE").contains("hidden"));
  }
}
