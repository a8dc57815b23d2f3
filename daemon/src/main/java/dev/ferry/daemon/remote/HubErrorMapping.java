package dev.ferry.daemon.remote;

import static dev.ferry.daemon.core.ErrorCategory.AUTH;
import static dev.ferry.daemon.core.ErrorCategory.CONFLICT;
import static dev.ferry.daemon.core.ErrorCategory.INVALID_DATA;
import static dev.ferry.daemon.core.ErrorCategory.NETWORK;
import static dev.ferry.daemon.core.ErrorCategory.RATE_LIMITED;
import static dev.ferry.daemon.core.ErrorCategory.SERVER;
import static dev.ferry.daemon.core.ErrorCategory.TIMEOUT;

import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.protocol.Problem;
import dev.ferry.protocol.ProblemCode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Turns what went wrong in an exchange with the hub (an I/O failure, an HTTP status with or
 * without a problem document, an answer we cannot decode) into a categorized
 * {@link HubException} with a message a person can act on. Pure: no I/O, and "now" is a
 * parameter, so every rule is a row in a table test.
 */
final class HubErrorMapping {
  /** Longest piece of hub-supplied text quoted in a message. */
  static final int MAX_QUOTE = 300;

  private HubErrorMapping() {}

  /**
   * The category of a non-success answer. A problem code we know decides when it agrees with
   * the status (the hub's word is the most precise); otherwise the status class decides, so a
   * proxy's 502 page or a newer hub's unknown code still lands somewhere sensible.
   */
  static ErrorCategory category(int status, ProblemCode codeOrNull) {
    if (codeOrNull != null && codeOrNull.status() == status) return category(codeOrNull);
    return categoryOfStatus(status);
  }

  static ErrorCategory category(ProblemCode code) {
    return switch (code) {
      case BAD_REQUEST, MALFORMED_JSON, INVALID_FIELD, INVALID_HEADER, INVALID_ID, NOT_FOUND, METHOD_NOT_ALLOWED,
          PRECONDITION_REQUIRED, PAYLOAD_TOO_LARGE, URI_TOO_LONG, REQUEST_HEADER_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
          MISSING_CHUNKS -> INVALID_DATA;
      case UNAUTHORIZED, INVALID_CREDENTIALS, FORBIDDEN, SIGNUP_CLOSED, INVITE_INVALID -> AUTH;
      case REV_MISMATCH, ACCOUNT_EXISTS, KEY_EXISTS -> CONFLICT;
      case RATE_LIMITED -> ErrorCategory.RATE_LIMITED;
      case INTERNAL, STORAGE_FULL, STORAGE_UNAVAILABLE, UNAVAILABLE -> SERVER;
    };
  }

  static ErrorCategory categoryOfStatus(int status) {
    if (status == 429) return RATE_LIMITED;
    if (status == 408) return TIMEOUT;
    if (status >= 500) return SERVER;
    if (status == 401 || status == 403) return AUTH;
    if (status == 409) return CONFLICT;
    // 3xx (the hub never redirects: a wrong URL), 400, 404, 413, 422 and the rest of 4xx.
    return INVALID_DATA;
  }

  /**
   * The wait the hub asked for: the Retry-After header (delta-seconds or an HTTP-date), else the
   * problem document's {@code retryAfter}. Only 429 and 5xx answers carry a meaningful one.
   */
  static Optional<Duration> retryAfter(int status, String header, Long problemSeconds, Instant now) {
    if (status != 429 && status < 500) return Optional.empty();
    if (header != null && !header.isBlank()) {
      String h = header.trim();
      if (h.chars().allMatch(c -> c >= '0' && c <= '9')) {
        // More than 18 digits would overflow; such a wait is "a very long time" anyway.
        return Optional.of(h.length() > 18 ? Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L)
            : Duration.ofSeconds(Long.parseLong(h)));
      }
      try {
        Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(now, at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException e) {
        // Fall through to the problem document's value.
      }
    }
    if (problemSeconds != null && problemSeconds >= 0) return Optional.of(Duration.ofSeconds(problemSeconds));
    return Optional.empty();
  }

  /**
   * A non-success answer. {@code request} is "METHOD /path"; {@code problem} is null when the
   * body was not a problem document, then {@code contentType} and {@code bodyQuote} describe it.
   */
  static HubException forStatus(
      String request, int status, Problem problem, String contentType, String bodyQuote,
      String location, String retryAfterHeader, Instant now) {
    ProblemCode code = problem == null ? null : ProblemCode.fromCode(problem.code()).orElse(null);
    ErrorCategory category = category(status, code);
    Duration wait = retryAfter(status, retryAfterHeader, problem == null ? null : problem.retryAfter(), now).orElse(null);
    StringBuilder m = new StringBuilder("hub answered ").append(status);
    if (problem != null && problem.code() != null) m.append(' ').append(quote(problem.code()));
    m.append(" for ").append(request);
    String text = null;
    if (problem != null) {
      text = problem.detail() != null && !problem.detail().isBlank() ? problem.detail() : problem.title();
      if (text != null && !text.isBlank()) m.append(": ").append(quote(text));
    } else {
      m.append(" without a problem document");
      if (contentType != null && !contentType.isBlank()) m.append(" (").append(quote(contentType)).append(')');
      if (bodyQuote != null && !bodyQuote.isBlank()) m.append(": ").append(quote(bodyQuote));
    }
    String hint = hint(status, code, wait, location);
    // Our hub's 429 detail already says how long to wait ("retry in 287 s"): once is enough.
    boolean waitSaidAlready = wait != null && text != null && text.contains("retry ");
    if (!hint.isEmpty() && !(waitSaidAlready && hint.startsWith("retry after"))) m.append(" (").append(hint).append(')');
    return new HubException(category, status, problem, wait, m.toString(), null);
  }

  private static String hint(int status, ProblemCode code, Duration wait, String location) {
    if (status >= 300 && status < 400) {
      return location == null ? "the hub does not redirect: check the server URL"
          : "redirected to " + quote(location) + ": use that address as the server URL";
    }
    if (status == 401) {
      return code == ProblemCode.INVALID_CREDENTIALS ? "wrong user name or password"
          : "the device token was refused: this device may have been revoked; log in again with `ferry login`";
    }
    if (status == 403 && (code == null || code == ProblemCode.FORBIDDEN)) return "this device is not allowed to do that";
    if (code == ProblemCode.ACCOUNT_EXISTS) return "use `ferry login` to add this device to it";
    if (status == 404 && code == null) return "check the server URL: this does not look like a Ferry hub";
    if (wait != null) return "retry after " + wait.toSeconds() + " s";
    return "";
  }

  /** An exchange that failed below HTTP: no answer, or the connection broke mid-answer. */
  static HubException forIo(String hub, String request, IOException e) {
    if (e instanceof HubException h) return h;
    String why = describe(e);
    ErrorCategory category;
    String message;
    if (e instanceof UnknownHostException) {
      category = NETWORK;
      message = "hub at " + hub + " unreachable: unknown host" + (e.getMessage() == null ? "" : " " + quote(e.getMessage()));
    } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      category = NETWORK;
      message = "hub at " + hub + " unreachable: " + why;
    } else if (e instanceof SocketTimeoutException && why.contains("connect")) {
      category = TIMEOUT;
      message = "hub at " + hub + " unreachable: " + why;
    } else if (e instanceof InterruptedIOException) {
      category = TIMEOUT;
      message = "hub at " + hub + " did not answer " + request + " in time: " + why;
    } else if (e instanceof SSLException) {
      category = NETWORK;
      message = "TLS with hub at " + hub + " failed during " + request + ": " + why;
    } else {
      category = NETWORK;
      message = "connection to hub at " + hub + " failed during " + request + ": " + why;
    }
    return new HubException(category, 0, null, null, message, e);
  }

  /** A success answer whose body is not what the route promises. */
  static HubException malformed(String request, String detail, Throwable cause) {
    return new HubException(INVALID_DATA, 0, null, null,
        "hub sent malformed JSON for " + request + ": " + quote(dev.ferry.protocol.Json.plainMessage(detail)), cause);
  }

  /** A success answer that decodes but breaks the protocol's rules (wrong id, seq order...). */
  static HubException invalidAnswer(String request, String detail) {
    return new HubException(INVALID_DATA, 0, null, null,
        "hub sent an invalid answer for " + request + ": " + quote(detail), null);
  }

  /** The lowercase reason of an I/O failure, e.g. "connection refused". */
  static String describe(IOException e) {
    // OkHttp wraps the socket's reason ("Failed to connect to /127.0.0.1:8787" caused by
    // "Connection refused"), so look along the cause chain for the words that explain it.
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String known = knownReason(t.getMessage());
      if (known != null) return known;
    }
    String msg = e.getMessage();
    if (msg == null || msg.isBlank()) return e.getClass().getSimpleName();
    return quote(msg.toLowerCase(Locale.ROOT));
  }

  private static String knownReason(String msg) {
    if (msg == null) return null;
    String lower = msg.toLowerCase(Locale.ROOT);
    if (lower.contains("connection refused")) return "connection refused";
    if (lower.contains("connection reset")) return "connection reset";
    if (lower.contains("broken pipe")) return "connection closed by the hub (broken pipe)";
    if (lower.contains("no route to host")) return "no route to host";
    if (lower.contains("network is unreachable")) return "network is unreachable";
    if (lower.contains("connect timed out")) return "connect timed out";
    if (lower.contains("read timed out")) return "read timed out";
    if (lower.contains("unexpected end of stream")) return "connection closed mid-answer";
    return null;
  }

  /** Hub-supplied text made safe for a one-line message: no control characters, bounded. */
  static String quote(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder();
    s.codePoints().limit(MAX_QUOTE).forEach(c -> {
      if (c == '\n' || c == '\r' || c == '\t') b.append(' ');
      else if (Character.isISOControl(c)) b.append(String.format("\\x%02x", c));
      else b.appendCodePoint(c);
    });
    if (s.codePointCount(0, s.length()) > MAX_QUOTE) b.append("...");
    return b.toString().strip();
  }
}
