package dev.ferry.ipc;

import dev.ferry.ipc.methods.NoParams;
import dev.ferry.protocol.Json;

/**
 * One incoming request as a handler sees it: the method name and its params, kept as raw JSON
 * until the handler says which type they are.
 */
public final class RpcCall {
  private final String method;
  private final String paramsJson;

  RpcCall(String method, String paramsJson) {
    this.method = method;
    this.paramsJson = paramsJson == null ? "{}" : paramsJson;
  }

  /** A call as the server would make it: for testing handlers without a socket. */
  public static RpcCall of(String method, Object params) {
    return new RpcCall(method, params == null ? null : Json.adapter(Object.class).toJson(params));
  }

  public String method() { return method; }

  /** The params object as received; {@code {}} when the request had none or null. */
  public String paramsJson() { return paramsJson; }

  /**
   * Decodes the params into {@code type}, usually the method's params record. Unknown fields
   * are refused; missing primitive record components take their zero value (false, 0), missing
   * objects are null. Throws {@link RpcErrors#INVALID_PARAMS} naming the offending field.
   */
  public <T> T params(Class<T> type) throws RpcException {
    return ParamsDecoder.decode(method, paramsJson, type);
  }

  /**
   * For a method that takes no params ({@code status}, {@code shutdown}, {@code config.reload},
   * ...): refuses any field as {@link #params} does ({@code unknown field 'x'}), before the
   * handler does anything, so that {@code shutdown} with {@code {"dryRun":true}} stops nothing.
   * Absent, null and {@code {}} params pass.
   */
  public void noParams() throws RpcException {
    ParamsDecoder.decode(method, paramsJson, NoParams.class);
  }
}
