package dev.ferry.config;

/** {@code [ui]}: the local web dashboard; port 0 picks a free loopback port. */
public record UiSettings(boolean enabled, int port) {
  public static final UiSettings DEFAULTS = new UiSettings(true, 0);
}
