package dev.ferry.cli.logging;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text on its way into a log line (SPEC §7, invariant 8). Two nets: the
 * exact values this process knows are secret (the device token, a password typed at init), and
 * the shapes secrets have even when nobody registered them: bearer credentials, {@code
 * password=…}/{@code "token":"…"} pairs, and base64 strings of a 32-byte key. Applied to the
 * message, every MDC value and the stack trace text, so an exception message that quotes a
 * secret is caught too. Process-wide because logback layouts are created by logback, not by us.
 */
public final class SecretScrubber {
  /** What replaces a secret. */
  public static final String REDACTED = "<redacted>";

  /** Secrets shorter than this are not registered: redacting "a" everywhere would ruin the log. */
  private static final int MIN_LITERAL = 6;

  private static final Set<String> literals = new CopyOnWriteArraySet<>();

  private static final List<Pattern> SHAPES = List.of(
      // Authorization: Bearer xyz, Basic xyz
      Pattern.compile("(?i)(\\b(?:bearer|basic)\\s+)[A-Za-z0-9._~+/=-]{8,}"),
      // password=..., token: ..., "authKey":"...", secret=..., kek=...
      Pattern.compile("(?i)(\"?\\b(?:password|passphrase|passwd|pwd|token|secret|auth_?key|api_?key|kek|folder_?key|"
          + "private_?key)\"?\\s*[=:]\\s*\"?)[^\\s\",;&}]+"),
      // base64 (standard or URL-safe) of exactly 32 bytes: 43 characters and one '=' or none
      Pattern.compile("(?<![A-Za-z0-9+/_-])()[A-Za-z0-9+/_-]{43}=?(?![A-Za-z0-9+/_=-])"));

  private SecretScrubber() {}

  /** Registers a value that must never appear in a log line (the device token, a password). */
  public static void register(String secret) {
    if (secret != null && secret.length() >= MIN_LITERAL) literals.add(secret);
  }

  /** Registers a password given as characters (the caller keeps clearing its own array). */
  public static void register(char[] secret) {
    if (secret != null && secret.length >= MIN_LITERAL) literals.add(new String(secret));
  }

  /** {@code text} with every known secret and every secret-shaped value replaced. */
  public static String scrub(String text) {
    if (text == null || text.isEmpty()) return text;
    String s = text;
    for (String secret : literals) {
      if (s.contains(secret)) s = s.replace(secret, REDACTED);
    }
    for (Pattern p : SHAPES) {
      Matcher m = p.matcher(s);
      if (!m.find()) continue;
      StringBuilder out = new StringBuilder(s.length());
      do {
        m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + REDACTED));
      } while (m.find());
      m.appendTail(out);
      s = out.toString();
    }
    return s;
  }

  /** Forgets the registered values (tests). */
  static void clearRegistered() {
    literals.clear();
  }
}
