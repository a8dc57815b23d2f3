package dev.ferry.daemon.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's sign-in: {@code ferry ui} asks for a one-time token, the browser trades it
 * for a session (an HttpOnly cookie), and each session carries its own CSRF token that every
 * state-changing request must echo. Everything lives in memory: a daemon restart signs every
 * browser out, which is the safe default for a loopback tool.
 */
public final class Sessions {
  /** How long a printed URL stays usable: long enough to click, short enough not to linger in a scrollback. */
  static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);
  /** A session unused this long is forgotten. */
  static final Duration SESSION_IDLE = Duration.ofHours(12);
  static final int MAX_SESSIONS = 32;
  static final int MAX_PENDING_TOKENS = 16;

  /** One signed-in browser. {@code flash} is a one-shot message for the next page it loads. */
  public static final class Session {
    private final String id;
    private final String csrf;
    private volatile Instant lastUsed;
    private volatile String flash;

    Session(String id, String csrf, Instant now) {
      this.id = id;
      this.csrf = csrf;
      this.lastUsed = now;
    }

    public String id() { return id; }

    public String csrf() { return csrf; }

    /** True when {@code presented} is this session's CSRF token (constant-time). */
    public boolean csrfMatches(String presented) {
      return presented != null && equal(csrf, presented);
    }

    void flash(String message) { this.flash = message; }

    /** The pending message, once; null when there is none. */
    String takeFlash() {
      String f = flash;
      flash = null;
      return f;
    }
  }

  private final SecureRandom random;
  private final Clock clock;
  private final Map<String, Instant> tokens = new LinkedHashMap<>();
  private final Map<String, Session> sessions = new LinkedHashMap<>();

  public Sessions(SecureRandom random, Clock clock) {
    this.random = random;
    this.clock = clock;
  }

  /** A fresh one-time sign-in token, valid for {@link #TOKEN_LIFETIME}. */
  public synchronized String issueToken() {
    prune();
    while (tokens.size() >= MAX_PENDING_TOKENS) {
      Iterator<String> it = tokens.keySet().iterator();
      it.next();
      it.remove();
    }
    String t = randomId();
    tokens.put(t, clock.instant().plus(TOKEN_LIFETIME));
    return t;
  }

  /** Trades a token for a new session; empty when the token is unknown, used or expired. */
  public synchronized Optional<Session> redeem(String token) {
    prune();
    if (token == null) return Optional.empty();
    String match = null;
    for (String t : tokens.keySet()) {
      if (equal(t, token)) match = t;
    }
    if (match == null) return Optional.empty();
    tokens.remove(match);
    while (sessions.size() >= MAX_SESSIONS) {
      Iterator<String> it = sessions.keySet().iterator();
      it.next();
      it.remove();
    }
    Session s = new Session(randomId(), randomId(), clock.instant());
    sessions.put(s.id(), s);
    return Optional.of(s);
  }

  /** The live session with this id (from the cookie); empty when unknown or idle too long. */
  public synchronized Optional<Session> find(String id) {
    prune();
    if (id == null) return Optional.empty();
    for (Session s : sessions.values()) {
      if (equal(s.id(), id)) {
        s.lastUsed = clock.instant();
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private void prune() {
    Instant now = clock.instant();
    tokens.values().removeIf(expiry -> !now.isBefore(expiry));
    sessions.values().removeIf(s -> !now.isBefore(s.lastUsed.plus(SESSION_IDLE)));
  }

  private String randomId() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static boolean equal(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
