package dev.ferry.server.api;

import dev.ferry.protocol.Json;
import dev.ferry.protocol.Problem;
import dev.ferry.protocol.ProblemCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's errors as problem+json, like every other answer of the hub: those Jetty gives before a
 * request reaches Javalin (a header block too large, a malformed request line or URI, such as
 * {@code %00} in the path) and those it sends itself. Jetty's default is an HTML page.
 */
public final class ProblemErrorHandler extends ErrorHandler {
  private final int maxHeaderBytes;

  /** {@code maxHeaderBytes}: the connector's limit on the request headers, named in the 431 answer. */
  public ProblemErrorHandler(int maxHeaderBytes) {
    this.maxHeaderBytes = maxHeaderBytes;
  }

  /** Requests Jetty's parser refused; the connection gets this and closes. */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
    return ByteBuffer.wrap(body(status, reason));
  }

  /** Every method gets a body: Jetty would leave PUT and DELETE errors empty. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
      int code, String message) throws IOException {
    baseRequest.setHandled(true);
    byte[] body = body(code, message);
    response.setContentType(Problem.MEDIA_TYPE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  byte[] body(int status, String reason) {
    return Json.write(Problem.class, problem(status, reason)).getBytes(StandardCharsets.UTF_8);
  }

  private Problem problem(int status, String reason) {
    String why = reason == null || reason.isBlank() ? "" : ": " + Requests.printable(reason);
    return switch (status) {
      case 400 -> Problem.of(ProblemCode.BAD_REQUEST, "the request is not well-formed HTTP" + why);
      case 404 -> Problem.of(ProblemCode.NOT_FOUND, "no such route");
      case 405 -> Problem.of(ProblemCode.METHOD_NOT_ALLOWED, "this route does not take that method");
      case 413 -> Problem.of(ProblemCode.PAYLOAD_TOO_LARGE, "the request body is too large");
      case 414 -> Problem.of(ProblemCode.URI_TOO_LONG, "the request URI is too long");
      case 431 -> Problem.of(ProblemCode.REQUEST_HEADER_TOO_LARGE,
          "the request headers are larger than the hub accepts (" + maxHeaderBytes + " bytes in all)");
      case 503 -> Problem.of(ProblemCode.UNAVAILABLE, "the hub is shutting down or overloaded; retry later");
      default -> {
        // Keep the status Jetty chose; the code says which kind it is.
        Problem base = Problem.of(status >= 500 ? ProblemCode.INTERNAL : ProblemCode.BAD_REQUEST,
            (status >= 500 ? "internal error" : "the request was refused") + why);
        yield new Problem(base.type(), base.title(), status, base.detail(), base.code(), null, null, null);
      }
    };
  }
}
