package dev.ferry.daemon.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SessionsTest {
  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");

    @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }

    @Override public Clock withZone(java.time.ZoneId zone) { return this; }

    @Override public Instant instant() { return now; }
  }

  final ManualClock clock = new ManualClock();
  final Sessions sessions = new Sessions(new SecureRandom(), clock);

  @Test
  void aTokenSignsInOnceAndGivesASessionWithItsOwnCsrfToken() {
    String token = sessions.issueToken();
    Sessions.Session s = sessions.redeem(token).orElseThrow();
    assertTrue(sessions.redeem(token).isEmpty(), "second use");
    assertEquals(s, sessions.find(s.id()).orElseThrow());
    assertNotEquals(s.id(), s.csrf());
    assertTrue(s.csrfMatches(s.csrf()));
    assertFalse(s.csrfMatches(s.id()));
    assertFalse(s.csrfMatches(null));
    assertTrue(sessions.find("forged").isEmpty());
    assertTrue(sessions.find(null).isEmpty());
    assertTrue(sessions.redeem(null).isEmpty());
  }

  @Test
  void tokensExpireAndIdleSessionsAreForgotten() {
    String token = sessions.issueToken();
    clock.now = clock.now.plus(Sessions.TOKEN_LIFETIME);
    assertTrue(sessions.redeem(token).isEmpty(), "expired token");

    Sessions.Session s = sessions.redeem(sessions.issueToken()).orElseThrow();
    clock.now = clock.now.plus(Sessions.SESSION_IDLE.minus(Duration.ofMinutes(1)));
    assertTrue(sessions.find(s.id()).isPresent(), "use keeps it alive");
    clock.now = clock.now.plus(Sessions.SESSION_IDLE);
    assertTrue(sessions.find(s.id()).isEmpty(), "idle too long");
  }

  @Test
  void pendingTokensAndSessionsAreBounded() {
    String first = sessions.issueToken();
    for (int i = 0; i < Sessions.MAX_PENDING_TOKENS; i++) sessions.issueToken();
    assertTrue(sessions.redeem(first).isEmpty(), "the oldest unused token made room");
    Sessions.Session oldest = sessions.redeem(sessions.issueToken()).orElseThrow();
    for (int i = 0; i < Sessions.MAX_SESSIONS; i++) sessions.redeem(sessions.issueToken()).orElseThrow();
    assertTrue(sessions.find(oldest.id()).isEmpty());
  }

  @Test
  void flashMessagesShowOnce() {
    Sessions.Session s = sessions.redeem(sessions.issueToken()).orElseThrow();
    s.flash("done");
    assertEquals("done", s.takeFlash());
    assertEquals(null, s.takeFlash());
  }
}
