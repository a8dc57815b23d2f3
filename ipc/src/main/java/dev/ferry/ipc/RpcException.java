package dev.ferry.ipc;

/**
 * A JSON-RPC error: thrown by handlers to answer with {@code code}, {@code message} and optional
 * {@code data}, and thrown by {@link RpcClient} when the daemon answered with an error (code,
 * message and data as received; data decoded to Maps, Lists, Strings, Doubles, Booleans).
 * Codes are listed in {@link RpcErrors}.
 */
public class RpcException extends Exception {
  private final int code;
  private final transient Object data;

  public RpcException(int code, String message, Object data) {
    super(message);
    this.code = code;
    this.data = data;
  }

  public RpcException(int code, String message) {
    this(code, message, null);
  }

  public int code() { return code; }

  /** Structured detail for programs (for example the folder id), or null. */
  public Object data() { return data; }

  @Override
  public String toString() {
    return "RpcException[" + code + " " + RpcErrors.name(code) + "]: " + getMessage();
  }
}
