package dev.ferry.daemon.core.merge;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * A parsed JSON value that keeps what a generic reader would lose: object key order, the exact
 * text of numbers (1.0 stays 1.0, big integers stay exact) and of strings (escapes as written).
 * Equality is by meaning where that is safe: objects ignore key order, strings compare their
 * decoded value; numbers compare their text, so 1 and 1.0 count as different (a conservative
 * choice: a merge then treats a rewrite of a number as a change).
 */
sealed interface JsonValue {

  /** An object; {@code members} keeps the key order of the source. */
  record Obj(LinkedHashMap<String, JsonValue> members) implements JsonValue {
    public Obj {
      members = new LinkedHashMap<>(members);
    }

    static Obj empty() {
      return new Obj(new LinkedHashMap<>());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Obj other && members.equals(other.members);
    }

    @Override
    public int hashCode() {
      return members.hashCode();
    }
  }

  record Arr(List<JsonValue> items) implements JsonValue {
    public Arr {
      items = List.copyOf(items);
    }
  }

  /** A string: {@code value} decoded, {@code raw} the source text between the quotes. */
  record Str(String value, String raw) implements JsonValue {
    @Override
    public boolean equals(Object o) {
      return o instanceof Str other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
      return value.hashCode();
    }
  }

  /** A number, as its exact source text. */
  record Num(String text) implements JsonValue {}

  record Bool(boolean value) implements JsonValue {}

  record Null() implements JsonValue {}

  static String typeName(JsonValue v) {
    if (v instanceof Obj) return "object";
    if (v instanceof Arr) return "array";
    if (v instanceof Str) return "string";
    if (v instanceof Num) return "number";
    if (v instanceof Bool) return "boolean";
    return "null";
  }
}
