package dev.ferry.server.auth;

import dev.ferry.server.store.Store;
import java.time.Duration;
import java.time.Instant;

/** One-time invite codes: the hub stores only their hash; each expires after seven days. */
public final class Invites {
  public static final Duration LIFETIME = Duration.ofDays(7);

  private Invites() {}

  /** Creates and stores a new invite; returns the code, which is shown once. */
  public static String create(Store store, Instant now) {
    String code = Tokens.newInviteCode();
    store.addInvite(Tokens.sha256(code), now, now.plus(LIFETIME));
    return code;
  }
}
