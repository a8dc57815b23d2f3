package dev.ferry.daemon.core.merge;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Three-way merge of JSON documents, field by field. Pure and deterministic: the device that
 * merges (ancestor, A's text, B's text) and the device that merges (ancestor, B's, A's) with the
 * device ids swapped produce the same bytes, so both converge on one revision.
 *
 * <p>Rules, applied recursively from the root:
 * <ul>
 *   <li>A value only one side changed takes that change; equal changes on both sides are fine.
 *   <li>Objects merge key by key: keys added, removed or changed on one side merge; a key both
 *       sides changed is merged recursively when both values are objects (or id-keyed arrays),
 *       otherwise it is a conflict. A key removed on one side and changed on the other is a
 *       conflict: the change must not silently vanish.
 *   <li>Arrays whose items are all objects with a unique {@code id} (string or number) merge as
 *       sets keyed by id, with the same add/remove/change rules per item. The surviving items
 *       keep the ancestor's order; new items follow, ordered by their timestamp field (the first
 *       of {@link MergeOptions#timestampFields()} an item carries; numbers before strings, numbers
 *       by value, strings by character order, items without one last), then by the device that
 *       added them (smaller device id first), then by id (numbers before strings).
 *   <li>Any other array, and every scalar, is one value: changed on both sides differently is a
 *       conflict. So is a type change (object, array, scalar) that the sides disagree on.
 * </ul>
 *
 * <p>Key order: the ancestor's keys first, then keys new on the side of the smaller device id,
 * then the other side's (again so that both devices agree). Number and string texts are kept
 * exactly as written. Formatting follows the ancestor — a line break inside it means
 * pretty-printed with its indent unit and line ending, otherwise one line with its spacing;
 * a final newline and a BOM are kept — because the ancestor is the one text both devices share.
 * When only one side changed, the result is that side's text byte for byte.
 *
 * <p>Text that is not JSON on any side is a {@link MergeResult.Conflict} starting "not JSON".
 */
public final class JsonMerge {
  private JsonMerge() {}

  public static MergeResult merge(String ancestor, String local, String remote, MergeOptions options) {
    if (local.equals(remote)) {
      // Still require JSON: callers rely on "Merged" meaning a valid document.
      try {
        JsonText.parse(local);
      } catch (JsonText.SyntaxError e) {
        return new MergeResult.Conflict("not JSON (local and remote): " + e.getMessage());
      }
      return new MergeResult.Merged(local);
    }
    JsonText.Parsed a;
    JsonText.Parsed l;
    JsonText.Parsed r;
    try {
      a = parse(ancestor, "ancestor");
      l = parse(local, "local");
      r = parse(remote, "remote");
    } catch (JsonText.SyntaxError e) {
      return new MergeResult.Conflict(e.getMessage());
    }

    // Order the two sides by device id so the result does not depend on which one is "local".
    int byDevice = options.localDevice().compareTo(options.remoteDevice());
    boolean localFirst = byDevice < 0
        || (byDevice == 0 && JsonText.write(l.value(), JsonText.Layout.COMPACT)
            .compareTo(JsonText.write(r.value(), JsonText.Layout.COMPACT)) <= 0);
    String xText = localFirst ? local : remote;
    String yText = localFirst ? remote : local;
    JsonValue x = localFirst ? l.value() : r.value();
    JsonValue y = localFirst ? r.value() : l.value();
    String xDevice = localFirst ? options.localDevice() : options.remoteDevice();
    String yDevice = localFirst ? options.remoteDevice() : options.localDevice();

    // One side is the ancestor byte for byte: the other side's text, exactly.
    if (remote.equals(ancestor)) return new MergeResult.Merged(local);
    if (local.equals(ancestor)) return new MergeResult.Merged(remote);
    boolean xSame = x.equals(a.value());
    boolean ySame = y.equals(a.value());
    // Only formatting changed, on both sides: the ancestor's layout, so both devices agree.
    if (xSame && ySame) return new MergeResult.Merged(JsonText.write(x, a.layout()));
    if (xSame) return new MergeResult.Merged(yText);
    if (ySame) return new MergeResult.Merged(xText);
    try {
      JsonValue merged = new Merger(options.timestampFields(), xDevice, yDevice).merge(a.value(), x, y, "$");
      return new MergeResult.Merged(JsonText.write(merged, a.layout()));
    } catch (MergeConflict c) {
      return new MergeResult.Conflict(c.getMessage());
    }
  }

  private static JsonText.Parsed parse(String text, String side) {
    try {
      return JsonText.parse(text);
    } catch (JsonText.SyntaxError e) {
      throw new JsonText.SyntaxError("not JSON (" + side + "): " + e.getMessage());
    }
  }

  /** Unwinds the merge at the first conflict; the message names the JSON path. */
  private static final class MergeConflict extends RuntimeException {
    MergeConflict(String path, String what) {
      super(path + ": " + what, null, false, false);
    }
  }

  /** The identity of an id-keyed array item: a string id and a number id never match. */
  private record Id(boolean number, String text) {
    static Id of(JsonValue v) {
      if (v instanceof JsonValue.Str s) return new Id(false, s.value());
      if (v instanceof JsonValue.Num n) return new Id(true, n.text());
      return null;
    }

    static final Comparator<Id> ORDER = (p, q) -> {
      if (p.number != q.number) return p.number ? -1 : 1;
      if (p.number) {
        int c = new BigDecimal(p.text).compareTo(new BigDecimal(q.text));
        if (c != 0) return c;
      }
      return p.text.compareTo(q.text);
    };

    @Override
    public String toString() {
      return number ? text : "\"" + text + "\"";
    }
  }

  /** A new item of an id-keyed array with what orders it. */
  private record Added(Id id, JsonValue value, String device, int side, JsonValue timestamp) {}

  private static final class Merger {
    private final List<String> timestampFields;
    private final String xDevice;
    private final String yDevice;

    Merger(List<String> timestampFields, String xDevice, String yDevice) {
      this.timestampFields = timestampFields;
      this.xDevice = xDevice;
      this.yDevice = yDevice;
    }

    /** Merges one value; {@code a} is null when the ancestor did not have it (added on both sides). */
    JsonValue merge(JsonValue a, JsonValue x, JsonValue y, String path) {
      if (a != null && x.equals(a)) return y;
      if (a != null && y.equals(a)) return x;
      if (x instanceof JsonValue.Obj xo && y instanceof JsonValue.Obj yo) {
        // An ancestor of another type counts as absent: both sides made it an object.
        JsonValue.Obj ao = a instanceof JsonValue.Obj o ? o : JsonValue.Obj.empty();
        return mergeObjects(ao, xo, yo, path);
      }
      if (x instanceof JsonValue.Arr xa && y instanceof JsonValue.Arr ya) {
        Map<Id, JsonValue> xi = idIndex(xa);
        Map<Id, JsonValue> yi = idIndex(ya);
        if (xi != null && yi != null) {
          Map<Id, JsonValue> ai = a instanceof JsonValue.Arr aa ? idIndex(aa) : Map.of();
          if (ai != null) return mergeIdArrays(ai, xi, yi, path);
        }
      }
      if (x.equals(y)) return x;
      String tx = JsonValue.typeName(x);
      String ty = JsonValue.typeName(y);
      if (!tx.equals(ty)) throw new MergeConflict(path, "changed to different types on each side (" + tx + ", " + ty + ")");
      if (a == null) throw new MergeConflict(path, "added on both sides with different values");
      throw new MergeConflict(path, "changed on both sides (" + tx + ")");
    }

    private JsonValue.Obj mergeObjects(JsonValue.Obj a, JsonValue.Obj x, JsonValue.Obj y, String path) {
      Set<String> keys = new LinkedHashSet<>(a.members().keySet());
      keys.addAll(x.members().keySet());
      keys.addAll(y.members().keySet());
      LinkedHashMap<String, JsonValue> out = new LinkedHashMap<>();
      for (String k : keys) {
        JsonValue merged = mergeMember(a.members().get(k), x.members().get(k), y.members().get(k), memberPath(path, k));
        if (merged != null) out.put(k, merged);
      }
      return new JsonValue.Obj(out);
    }

    /** One key or id on three sides (null = absent); null when the result is absent. */
    private JsonValue mergeMember(JsonValue a, JsonValue x, JsonValue y, String path) {
      if (x == null && y == null) return null;
      if (a != null && (x == null || y == null)) {
        JsonValue kept = x != null ? x : y;
        if (kept.equals(a)) return null; // removed on one side, untouched on the other
        throw new MergeConflict(path, "removed on one side and changed on the other");
      }
      if (x == null) return y;
      if (y == null) return x;
      return merge(a, x, y, path);
    }

    private JsonValue.Arr mergeIdArrays(Map<Id, JsonValue> a, Map<Id, JsonValue> x, Map<Id, JsonValue> y, String path) {
      List<JsonValue> out = new ArrayList<>();
      for (Map.Entry<Id, JsonValue> e : a.entrySet()) {
        Id id = e.getKey();
        JsonValue merged = mergeMember(e.getValue(), x.get(id), y.get(id), itemPath(path, id));
        if (merged != null) out.add(merged);
      }
      List<Added> added = new ArrayList<>();
      for (Map.Entry<Id, JsonValue> e : x.entrySet()) {
        Id id = e.getKey();
        if (a.containsKey(id)) continue;
        JsonValue other = y.get(id);
        JsonValue v = other == null ? e.getValue() : merge(null, e.getValue(), other, itemPath(path, id));
        added.add(new Added(id, v, xDevice, 0, timestamp(v)));
      }
      for (Map.Entry<Id, JsonValue> e : y.entrySet()) {
        Id id = e.getKey();
        if (a.containsKey(id) || x.containsKey(id)) continue;
        added.add(new Added(id, e.getValue(), yDevice, 1, timestamp(e.getValue())));
      }
      added.sort(Comparator.comparing(Added::timestamp, Merger::compareTimestamps)
          .thenComparing(Added::device)
          .thenComparingInt(Added::side)
          .thenComparing(Added::id, Id.ORDER));
      for (Added n : added) out.add(n.value());
      return new JsonValue.Arr(out);
    }

    /** The item's timestamp: the first candidate field holding a number or a string; null if none. */
    private JsonValue timestamp(JsonValue item) {
      if (!(item instanceof JsonValue.Obj o)) return null;
      for (String f : timestampFields) {
        JsonValue v = o.members().get(f);
        if (v instanceof JsonValue.Num || v instanceof JsonValue.Str) return v;
      }
      return null;
    }

    /** Numbers by value first, then strings (ISO-8601 sorts as text), then items without one. */
    private static int compareTimestamps(JsonValue p, JsonValue q) {
      int rp = rank(p);
      int rq = rank(q);
      if (rp != rq) return Integer.compare(rp, rq);
      if (p instanceof JsonValue.Num np && q instanceof JsonValue.Num nq) {
        int c = new BigDecimal(np.text()).compareTo(new BigDecimal(nq.text()));
        return c != 0 ? c : np.text().compareTo(nq.text());
      }
      if (p instanceof JsonValue.Str sp && q instanceof JsonValue.Str sq) return sp.value().compareTo(sq.value());
      return 0;
    }

    private static int rank(JsonValue t) {
      if (t instanceof JsonValue.Num) return 0;
      if (t instanceof JsonValue.Str) return 1;
      return 2;
    }

    /** Items by id, or null when this is not an id-keyed array (an item without id, a repeated id). */
    private static Map<Id, JsonValue> idIndex(JsonValue.Arr arr) {
      Map<Id, JsonValue> index = new LinkedHashMap<>();
      for (JsonValue item : arr.items()) {
        if (!(item instanceof JsonValue.Obj o)) return null;
        Id id = Id.of(o.members().get("id"));
        if (id == null || index.putIfAbsent(id, item) != null) return null;
      }
      return index;
    }

    private static String memberPath(String path, String key) {
      return key.matches("[A-Za-z_$][A-Za-z0-9_$]*") ? path + "." + key : path + "[" + quoted(key) + "]";
    }

    private static String itemPath(String path, Id id) {
      return path + "[id=" + id + "]";
    }

    private static String quoted(String s) {
      StringBuilder sb = new StringBuilder();
      JsonText.writeString(sb, s);
      return sb.toString();
    }
  }
}
