package dev.ferry.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {
  @ParameterizedTest
  @CsvSource({
    "500ms, PT0.5S",
    "0s, PT0S",
    "0ms, PT0S",
    "30s, PT30S",
    "5m, PT5M",
    "1h, PT1H",
    "1d, PT24H",
    "1m30s, PT1M30S",
    "1d2h3m4s5ms, PT26H3M4.005S",
    "90s, PT1M30S",
  })
  void parsesWhatPeopleWrite(String text, String iso) {
    assertEquals(Duration.parse(iso), HumanDuration.parse(text));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "-5s | must not be negative",
    "30 | needs a unit",
    "'' | empty duration",
    "5x | is not a duration",
    "1.5s | is not a duration",
    "1 s | is not a duration",
    "s | is not a duration",
    "30s1m | largest to smallest",
    "1s1s | largest to smallest",
    "5M | is not a duration",
    "99999999999999999999s | too large",
    "367d | too large",
  })
  void refusesGarbageWithAReason(String text, String reason) {
    var e = assertThrows(IllegalArgumentException.class, () -> HumanDuration.parse(text));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"PT0S, 0s", "PT0.5S, 500ms", "PT1M30S, 1m30s", "PT26H, 1d2h", "PT1.001S, 1s1ms"})
  void formatsBackToTheShortestText(String iso, String text) {
    Duration d = Duration.parse(iso);
    assertEquals(text, HumanDuration.format(d));
    assertEquals(d, HumanDuration.parse(HumanDuration.format(d)));
  }
}
