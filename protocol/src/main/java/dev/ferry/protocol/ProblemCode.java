package dev.ferry.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every error the hub can answer, with its stable wire {@code code} and HTTP status. Clients
 * branch on the code, never on the title or detail text.
 */
public enum ProblemCode {
  BAD_REQUEST("bad_request", 400, "The request is not well-formed HTTP"),
  MALFORMED_JSON("malformed_json", 400, "The request body is not valid JSON"),
  INVALID_FIELD("invalid_field", 400, "A field of the request is missing or invalid"),
  INVALID_HEADER("invalid_header", 400, "A request header is invalid"),
  INVALID_ID("invalid_id", 400, "An id in the path is not well formed"),
  UNAUTHORIZED("unauthorized", 401, "A valid device token is required"),
  INVALID_CREDENTIALS("invalid_credentials", 401, "Unknown user or wrong auth key"),
  FORBIDDEN("forbidden", 403, "Not allowed"),
  SIGNUP_CLOSED("signup_closed", 403, "This hub does not accept new accounts"),
  INVITE_INVALID("invite_invalid", 403, "The invite code is unknown, used or expired"),
  NOT_FOUND("not_found", 404, "Not found"),
  METHOD_NOT_ALLOWED("method_not_allowed", 405, "Method not allowed on this route"),
  REV_MISMATCH("rev_mismatch", 409, "The entry changed since the given revision"),
  ACCOUNT_EXISTS("account_exists", 409, "An account with this name exists"),
  KEY_EXISTS("key_exists", 409, "The folder already has a different key"),
  PRECONDITION_REQUIRED("precondition_required", 428, "If-Match or If-None-Match is required"),
  PAYLOAD_TOO_LARGE("payload_too_large", 413, "The request body is too large"),
  URI_TOO_LONG("uri_too_long", 414, "The request URI is too long"),
  REQUEST_HEADER_TOO_LARGE("request_header_too_large", 431, "The request headers are too large"),
  UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415, "Unsupported content type"),
  MISSING_CHUNKS("missing_chunks", 422, "The write names chunks the hub does not have"),
  RATE_LIMITED("rate_limited", 429, "Too many attempts; retry later"),
  INTERNAL("internal", 500, "Internal error"),
  STORAGE_FULL("storage_full", 507, "The hub's storage is full"),
  STORAGE_UNAVAILABLE("storage_unavailable", 503, "The hub's database is unreachable"),
  UNAVAILABLE("unavailable", 503, "The hub is shutting down or overloaded");

  private static final Map<String, ProblemCode> BY_CODE =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ProblemCode::code, Function.identity()));

  private final String code;
  private final int status;
  private final String title;

  ProblemCode(String code, int status, String title) {
    this.code = code;
    this.status = status;
    this.title = title;
  }

  public String code() { return code; }

  public int status() { return status; }

  public String title() { return title; }

  /** The RFC 9457 {@code type} URI of this problem. */
  public String type() { return "https://ferry.dev/problems/" + code; }

  public static Optional<ProblemCode> fromCode(String code) {
    return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
  }
}
