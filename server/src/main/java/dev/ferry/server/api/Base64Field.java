package dev.ferry.server.api;

import dev.ferry.protocol.ProblemCode;
import java.util.Base64;

/** Decodes base64 request fields, naming the field when the text is not base64. */
final class Base64Field {
  private Base64Field() {}

  /** Standard base64 (with or without padding). */
  static byte[] decode(String field, String value) {
    if (value == null) throw ApiException.field(ProblemCode.INVALID_FIELD, field, field + " is required");
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.field(ProblemCode.INVALID_FIELD, field, field + " is not valid base64: " + e.getMessage());
    }
  }

  /** Checks that a value is base64 of at most {@code maxChars} characters without keeping the bytes. */
  static void check(String field, String value, int maxChars) {
    if (value == null) throw ApiException.field(ProblemCode.INVALID_FIELD, field, field + " is required");
    if (value.length() > maxChars) {
      throw ApiException.field(ProblemCode.INVALID_FIELD, field, field + " has " + value.length() + " characters; at most " + maxChars + " are allowed");
    }
    decode(field, value);
  }
}
