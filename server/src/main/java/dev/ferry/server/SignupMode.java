package dev.ferry.server;

import java.util.Locale;

/** Who may create an account on the hub. */
public enum SignupMode {
  /** Only with a one-time invite code from {@code ferry server invite} (the default). */
  INVITE,
  /** Anyone who can reach the hub. */
  OPEN,
  /** Nobody. */
  CLOSED;

  /** Parses {@code invite}, {@code open} or {@code closed}, case-insensitively. */
  public static SignupMode parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("signup mode must be invite, open or closed, got '" + s + "'");
    }
  }
}
