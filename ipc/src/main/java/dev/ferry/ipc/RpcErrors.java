package dev.ferry.ipc;

/**
 * Every JSON-RPC error code the control socket uses, in one place. The -327xx/-326xx codes are
 * JSON-RPC 2.0's own; Ferry's application codes live in the implementation-defined range
 * -32000..-32099. {@link #exitCode} maps them onto the command line's exit codes (SPEC §2).
 */
public final class RpcErrors {
  /** The line is not valid JSON (or not UTF-8). */
  public static final int PARSE_ERROR = -32700;
  /** Valid JSON that is not a request, a batch, or a line over 1 MiB. */
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  /** The params do not decode to what the method takes; the message names the field. */
  public static final int INVALID_PARAMS = -32602;
  /** A handler failed unexpectedly; details are in the daemon log only. */
  public static final int INTERNAL_ERROR = -32603;

  /** The peer is not the daemon's user. */
  public static final int PERMISSION_DENIED = -32001;
  /** Something named does not exist: an unknown folder, queue item, conflict, revision, device. */
  public static final int NOT_FOUND = -32010;
  /** The request does not fit the current state: already paused, a sync is blocked, shutting down. */
  public static final int INVALID_STATE = -32011;
  /** The hub refused our credentials or a key could not be unwrapped. */
  public static final int AUTH_ERROR = -32012;
  /** The operation ran and failed (network, disk, hub error); data may carry the error category. */
  public static final int FAILED = -32013;
  /** The new configuration is invalid; the daemon keeps the old one. */
  public static final int CONFIG_INVALID = -32014;

  private RpcErrors() {}

  /** A short stable name for logs and {@code --json} output. */
  public static String name(int code) {
    return switch (code) {
      case PARSE_ERROR -> "parse_error";
      case INVALID_REQUEST -> "invalid_request";
      case METHOD_NOT_FOUND -> "method_not_found";
      case INVALID_PARAMS -> "invalid_params";
      case INTERNAL_ERROR -> "internal_error";
      case PERMISSION_DENIED -> "permission_denied";
      case NOT_FOUND -> "not_found";
      case INVALID_STATE -> "invalid_state";
      case AUTH_ERROR -> "auth_error";
      case FAILED -> "failed";
      case CONFIG_INVALID -> "config_invalid";
      default -> "error_" + code;
    };
  }

  /**
   * The {@code ferry} exit code for an error answer: 5 for authentication and key errors, 2 for
   * requests the daemon found malformed (a usage error), 1 for everything else.
   */
  public static int exitCode(int code) {
    return switch (code) {
      case AUTH_ERROR -> 5;
      case INVALID_PARAMS, METHOD_NOT_FOUND -> 2;
      default -> 1;
    };
  }
}
