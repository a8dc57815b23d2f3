package dev.ferry.daemon.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.protocol.Problem;
import dev.ferry.protocol.ProblemCode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class HubErrorMappingTest {
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  private static final String REQ = "GET /v1/folders/docs/changes";

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(nullValues = "-", value = {
      // status, code, category
      "500, internal, SERVER",
      "500, -, SERVER",
      "502, -, SERVER",
      "503, unavailable, SERVER",
      "504, -, SERVER",
      "429, rate_limited, RATE_LIMITED",
      "429, -, RATE_LIMITED",
      "408, -, TIMEOUT",
      "401, unauthorized, AUTH",
      "401, invalid_credentials, AUTH",
      "401, -, AUTH",
      "403, forbidden, AUTH",
      "403, signup_closed, AUTH",
      "403, invite_invalid, AUTH",
      "403, -, AUTH",
      "404, not_found, INVALID_DATA",
      "404, -, INVALID_DATA",
      "409, rev_mismatch, CONFLICT",
      "409, key_exists, CONFLICT",
      "409, account_exists, CONFLICT",
      "409, -, CONFLICT",
      "400, malformed_json, INVALID_DATA",
      "400, invalid_id, INVALID_DATA",
      "400, -, INVALID_DATA",
      "413, payload_too_large, INVALID_DATA",
      "415, unsupported_media_type, INVALID_DATA",
      "422, missing_chunks, INVALID_DATA",
      "428, precondition_required, INVALID_DATA",
      "405, method_not_allowed, INVALID_DATA",
      "418, -, INVALID_DATA",
      "301, -, INVALID_DATA",
      // A code that disagrees with the status does not override it: the status class decides.
      "500, not_found, SERVER",
      "404, internal, INVALID_DATA",
      // A code from a newer hub that we do not know: the status decides.
      "503, brand_new_code, SERVER",
  })
  void statusAndCodeGiveCategory(int status, String code, ErrorCategory expected) {
    Problem problem = code == null ? null : new Problem(null, "t", status, "d", code, null, null, null);
    HubException e = HubErrorMapping.forStatus(REQ, status, problem, null, null, null, null, NOW);
    assertEquals(expected, e.category());
    assertEquals(status, e.status());
    assertEquals(Optional.ofNullable(problem), e.problem());
    assertEquals(code == null ? Optional.empty() : ProblemCode.fromCode(code), e.code());
  }

  @ParameterizedTest
  @EnumSource(ProblemCode.class)
  void everyProblemCodeAtItsOwnStatusHasTheCategoryOfThatStatusClass(ProblemCode code) {
    // The code table refines the status table, it never contradicts it: a hub that sends a
    // bare status gets the same retry decision as one that sends the full problem.
    assertEquals(HubErrorMapping.categoryOfStatus(code.status()).retryable(),
        HubErrorMapping.category(code).retryable(), code.code());
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(nullValues = "-", value = {
      "429, 7, PT7S",
      "429, ' 30 ', PT30S",
      "503, 120, PT2M",
      "500, 0, PT0S",
      "429, 'Sat, 01 Mar 2025 12:00:45 GMT', PT45S",
      "503, 'Sat, 01 Mar 2025 11:00:00 GMT', PT0S",
      "429, soon, -",
      "429, -, -",
      "400, 7, -",
      "401, 7, -",
      "429, 99999999999999999999, PT2562047H47M16S",
  })
  void retryAfterHeader(int status, String header, String expected) {
    assertEquals(Optional.ofNullable(expected).map(Duration::parse),
        HubErrorMapping.retryAfter(status, header, null, NOW));
  }

  @Test
  void retryAfterFallsBackToTheProblemDocument() {
    assertEquals(Optional.of(Duration.ofSeconds(9)), HubErrorMapping.retryAfter(429, null, 9L, NOW));
    assertEquals(Optional.of(Duration.ofSeconds(3)), HubErrorMapping.retryAfter(429, "3", 9L, NOW));
    assertEquals(Optional.of(Duration.ofSeconds(9)), HubErrorMapping.retryAfter(429, "garbage", 9L, NOW));
    assertEquals(Optional.empty(), HubErrorMapping.retryAfter(429, null, -1L, NOW));
  }

  static Stream<Arguments> ioFailures() {
    ConnectException refused = new ConnectException("Failed to connect to /127.0.0.1:8787");
    refused.initCause(new ConnectException("Connection refused"));
    return Stream.of(
        Arguments.of(refused, ErrorCategory.NETWORK, "hub at http://127.0.0.1:8787 unreachable: connection refused"),
        Arguments.of(new UnknownHostException("hub.invalid"), ErrorCategory.NETWORK,
            "hub at http://127.0.0.1:8787 unreachable: unknown host hub.invalid"),
        Arguments.of(new SocketException("Connection reset"), ErrorCategory.NETWORK,
            "connection to hub at http://127.0.0.1:8787 failed during " + REQ + ": connection reset"),
        Arguments.of(new EOFException("\\n not found: limit=0 content=…"), ErrorCategory.NETWORK,
            "connection to hub at http://127.0.0.1:8787 failed during " + REQ + ": \\n not found: limit=0 content=…"),
        Arguments.of(new IOException("unexpected end of stream on http://127.0.0.1:8787/..."), ErrorCategory.NETWORK,
            "connection to hub at http://127.0.0.1:8787 failed during " + REQ + ": connection closed mid-answer"),
        Arguments.of(new SocketTimeoutException("Read timed out"), ErrorCategory.TIMEOUT,
            "hub at http://127.0.0.1:8787 did not answer " + REQ + " in time: read timed out"),
        Arguments.of(new SocketTimeoutException("Connect timed out"), ErrorCategory.TIMEOUT,
            "hub at http://127.0.0.1:8787 unreachable: connect timed out"),
        Arguments.of(new InterruptedIOException("timeout"), ErrorCategory.TIMEOUT,
            "hub at http://127.0.0.1:8787 did not answer " + REQ + " in time: timeout"),
        Arguments.of(new SSLHandshakeException("PKIX path building failed"), ErrorCategory.NETWORK,
            "TLS with hub at http://127.0.0.1:8787 failed during " + REQ + ": pkix path building failed"),
        Arguments.of(new IOException(), ErrorCategory.NETWORK,
            "connection to hub at http://127.0.0.1:8787 failed during " + REQ + ": IOException"));
  }

  @ParameterizedTest
  @MethodSource("ioFailures")
  void ioFailuresGiveCategoryAndReadableMessage(IOException cause, ErrorCategory category, String message) {
    HubException e = HubErrorMapping.forIo("http://127.0.0.1:8787", REQ, cause);
    assertEquals(category, e.category());
    assertEquals(message, e.getMessage());
    assertEquals(0, e.status());
    assertSame(cause, e.getCause());
    assertTrue(e.retryable());
  }

  @Test
  void aHubExceptionPassesThroughUnchanged() {
    HubException original = new HubException(ErrorCategory.AUTH, "no token");
    assertSame(original, HubErrorMapping.forIo("http://h", REQ, original));
  }

  @Test
  void problemMessagesQuoteTheHubsDetail() {
    Problem internal = Problem.of(ProblemCode.INTERNAL, "database is locked");
    assertEquals("hub answered 500 internal for " + REQ + ": database is locked",
        HubErrorMapping.forStatus(REQ, 500, internal, "application/problem+json", null, null, null, NOW).getMessage());

    Problem closed = Problem.of(ProblemCode.SIGNUP_CLOSED, "this hub takes no new accounts");
    HubException e = HubErrorMapping.forStatus("POST /v1/accounts", 403, closed, null, null, null, null, NOW);
    assertEquals("hub answered 403 signup_closed for POST /v1/accounts: this hub takes no new accounts", e.getMessage());
    assertFalse(e.retryable());

    Problem noDetail = Problem.of(ProblemCode.NOT_FOUND, null);
    assertEquals("hub answered 404 not_found for " + REQ + ": Not found",
        HubErrorMapping.forStatus(REQ, 404, noDetail, null, null, null, null, NOW).getMessage());
  }

  @Test
  void hintsSayWhatToDo() {
    String revoked = HubErrorMapping.forStatus(REQ, 401, Problem.of(ProblemCode.UNAUTHORIZED, "token revoked"),
        null, null, null, null, NOW).getMessage();
    assertTrue(revoked.contains("revoked") && revoked.contains("ferry login"), revoked);

    String password = HubErrorMapping.forStatus("POST /v1/sessions", 401,
        Problem.of(ProblemCode.INVALID_CREDENTIALS, null), null, null, null, null, NOW).getMessage();
    assertTrue(password.endsWith("(wrong user name or password)"), password);

    String limited = HubErrorMapping.forStatus(REQ, 429, null, null, null, null, "12", NOW).getMessage();
    assertEquals("hub answered 429 for " + REQ + " without a problem document (retry after 12 s)", limited);
    String lockedOut = HubErrorMapping.forStatus("POST /v1/sessions", 429,
        Problem.of(ProblemCode.RATE_LIMITED, "too many failed logins; retry in 287 s"), null, null, null, "287", NOW).getMessage();
    assertTrue(lockedOut.contains("retry in 287 s") && !lockedOut.contains("retry after"), "the wait is said once: " + lockedOut);

    String redirect = HubErrorMapping.forStatus(REQ, 301, null, "text/html", "<p>moved</p>",
        "https://hub.example.net/v1/folders/docs/changes", null, NOW).getMessage();
    assertTrue(redirect.contains("redirected to https://hub.example.net/"), redirect);

    String bare404 = HubErrorMapping.forStatus(REQ, 404, null, "text/plain", "Not Found", null, null, NOW).getMessage();
    assertTrue(bare404.contains("check the server URL"), bare404);
  }

  @Test
  void nonProblemBodiesAreQuotedSafelyAndBriefly() {
    String page = "<html>\n<body>Bad Gateway\u0007</body>" + "x".repeat(1000);
    HubException e = HubErrorMapping.forStatus(REQ, 502, null, "text/html", page, null, null, NOW);
    assertEquals(ErrorCategory.SERVER, e.category());
    assertTrue(e.getMessage().startsWith(
        "hub answered 502 for " + REQ + " without a problem document (text/html): <html> <body>Bad Gateway\\x07</body>xxx"),
        e.getMessage());
    assertTrue(e.getMessage().length() < 400, e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void malformedAnswersAreInvalidData() {
    HubException e = HubErrorMapping.malformed(REQ, "Expected BEGIN_OBJECT but was STRING at path $", null);
    assertEquals(ErrorCategory.INVALID_DATA, e.category());
    assertEquals("hub sent malformed JSON for " + REQ + ": expected an object but found a string at $",
        e.getMessage(), "the parser's token names, in words");
    assertFalse(e.retryable());
    assertEquals(ErrorCategory.INVALID_DATA, HubErrorMapping.invalidAnswer(REQ, "seq out of order").category());
  }
}
