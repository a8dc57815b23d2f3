package dev.ferry.protocol;

/**
 * An RFC 9457 problem document ({@code application/problem+json}). {@code field} names the
 * offending field or header on a 400; {@code current} is the entry head on a 409 rev mismatch;
 * {@code retryAfter} repeats the Retry-After seconds of a 429.
 */
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String code,
    String field,
    EntryMeta current,
    Long retryAfter) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(ProblemCode code, String detail) {
    return new Problem(code.type(), code.title(), code.status(), detail, code.code(), null, null, null);
  }

  public static Problem field(ProblemCode code, String field, String detail) {
    return new Problem(code.type(), code.title(), code.status(), detail, code.code(), field, null, null);
  }

  public Problem withCurrent(EntryMeta head) {
    return new Problem(type, title, status, detail, code, field, head, retryAfter);
  }

  public Problem withRetryAfter(long seconds) {
    return new Problem(type, title, status, detail, code, field, current, seconds);
  }
}
