package dev.ferry.daemon.remote;

import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.protocol.Problem;
import dev.ferry.protocol.ProblemCode;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failed exchange with the hub, already put in its {@link ErrorCategory}: the category alone
 * decides whether the caller retries with backoff or moves the work to the failed queue. The
 * message is written for a person and never carries a token or key.
 */
public final class HubException extends IOException {
  private static final long serialVersionUID = 1L;

  private final ErrorCategory category;
  private final int status;
  private final transient Problem problem;
  private final Duration retryAfter;

  /**
   * @param status the HTTP status, 0 when no answer arrived
   * @param problem the hub's problem document, or null
   * @param retryAfter how long the hub asked us to wait, or null
   */
  public HubException(
      ErrorCategory category, int status, Problem problem, Duration retryAfter, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.category = Objects.requireNonNull(category, "category");
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** A failure that happened before or without any answer from the hub. */
  public HubException(ErrorCategory category, String message) {
    this(category, 0, null, null, message, null);
  }

  public ErrorCategory category() { return category; }

  /**
   * The category of one refused item of a batch (its HTTP status and problem code), by the same
   * rules as a whole answer.
   */
  public static ErrorCategory categoryOf(int status, String problemCodeOrNull) {
    return HubErrorMapping.category(status, problemCodeOrNull == null ? null : ProblemCode.fromCode(problemCodeOrNull).orElse(null));
  }

  /** Whether the caller should try again later (the category's rule). */
  public boolean retryable() { return category.retryable(); }

  /** The HTTP status of the hub's answer, 0 if there was none. */
  public int status() { return status; }

  /** The stable problem code, when the hub sent a problem document with a code we know. */
  public Optional<ProblemCode> code() {
    return problem == null ? Optional.empty() : ProblemCode.fromCode(problem.code());
  }

  /** How long the hub asked us to wait (Retry-After), when it said. */
  public Optional<Duration> retryAfter() { return Optional.ofNullable(retryAfter); }

  /** The hub's problem document as sent, when there was one. */
  public Optional<Problem> problem() { return Optional.ofNullable(problem); }
}
