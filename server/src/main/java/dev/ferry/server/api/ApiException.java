package dev.ferry.server.api;

import dev.ferry.protocol.EntryMeta;
import dev.ferry.protocol.Problem;
import dev.ferry.protocol.ProblemCode;
import java.util.Map;

/**
 * A request the hub refuses, carrying the problem document it answers with. Thrown anywhere
 * in a handler; the one exception handler in {@link ProblemResponses} writes it.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Problem problem;
  private final transient Map<String, String> headers;

  private ApiException(Problem problem, Map<String, String> headers) {
    super(problem.code() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
    this.headers = headers;
  }

  public static ApiException of(ProblemCode code, String detail) {
    return new ApiException(Problem.of(code, detail), Map.of());
  }

  public static ApiException field(ProblemCode code, String field, String detail) {
    return new ApiException(Problem.field(code, field, detail), Map.of());
  }

  public static ApiException revMismatch(String detail, EntryMeta current) {
    return new ApiException(Problem.of(ProblemCode.REV_MISMATCH, detail).withCurrent(current), Map.of());
  }

  public static ApiException rateLimited(long retryAfterSeconds) {
    return new ApiException(Problem.of(ProblemCode.RATE_LIMITED,
            "too many failed logins; retry in " + retryAfterSeconds + " s").withRetryAfter(retryAfterSeconds),
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(Problem.of(ProblemCode.UNAUTHORIZED, detail), Map.of("WWW-Authenticate", "Bearer"));
  }

  public Problem problem() { return problem; }

  public Map<String, String> headers() { return headers; }
}
