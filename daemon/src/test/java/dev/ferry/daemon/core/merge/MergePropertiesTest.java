package dev.ferry.daemon.core.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.config.ConflictStrategy;
import dev.ferry.daemon.core.ConflictNames;
import dev.ferry.daemon.core.ConflictResolution;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Properties over random documents (each try derives everything from one seed, so a failure
 * prints a seed that reproduces it): merging is the same on both devices, a one-sided change
 * is taken as it is, and no strategy loses either side's content.
 */
class MergePropertiesTest {
  static final String[] DEVICES = {"devA", "devB", "devC", "devA"};

  /** (a) Both devices compute the same bytes, or both see a conflict. */
  @Property(tries = 200)
  void jsonMergeIsTheSameOnBothDevices(@ForAll long seed) {
    Random rnd = new Random(seed);
    JsonValue a = Docs.object(rnd, 0);
    String ancestor = JsonText.write(a, Docs.layout(rnd));
    String local = JsonText.write(Docs.mutate(a, rnd, "L"), Docs.layout(rnd));
    String remote = JsonText.write(Docs.mutate(a, rnd, "R"), Docs.layout(rnd));
    MergeOptions opts = MergeOptions.of(DEVICES[rnd.nextInt(DEVICES.length)], DEVICES[rnd.nextInt(DEVICES.length)]);

    MergeResult here = JsonMerge.merge(ancestor, local, remote, opts);
    MergeResult there = JsonMerge.merge(ancestor, remote, local, opts.swapped());
    if (here instanceof MergeResult.Merged m) {
      assertEquals(here, there, () -> "A: " + ancestor + "\nL: " + local + "\nR: " + remote);
      JsonText.parse(m.text()); // the result is JSON
    } else {
      assertInstanceOf(MergeResult.Conflict.class, there);
    }
  }

  /** (a) for text: line merge does not depend on which side is local. */
  @Property(tries = 200)
  void textMergeIsTheSameOnBothDevices(@ForAll long seed) {
    Random rnd = new Random(seed);
    List<String> a = Docs.lines(rnd);
    String ancestor = String.join("", a);
    String local = String.join("", Docs.edit(a, rnd));
    String remote = String.join("", Docs.edit(a, rnd));
    MergeResult here = TextMerge.merge(ancestor, local, remote);
    MergeResult there = TextMerge.merge(ancestor, remote, local);
    if (here instanceof MergeResult.Merged) {
      assertEquals(here, there);
    } else {
      assertInstanceOf(MergeResult.Conflict.class, there);
    }
  }

  /** (b) When only one side changed, the result is that side, byte for byte. */
  @Property(tries = 200)
  void aOneSidedChangeIsTakenAsItIs(@ForAll long seed) {
    Random rnd = new Random(seed);
    JsonValue a = Docs.object(rnd, 0);
    String ancestor = JsonText.write(a, Docs.layout(rnd));
    String changed = JsonText.write(Docs.mutate(a, rnd, "L"), Docs.layout(rnd));
    MergeOptions opts = MergeOptions.of("devA", "devB");
    assertEquals(new MergeResult.Merged(changed), JsonMerge.merge(ancestor, changed, ancestor, opts));
    assertEquals(new MergeResult.Merged(changed), JsonMerge.merge(ancestor, ancestor, changed, opts));

    List<String> lines = Docs.lines(rnd);
    String text = String.join("", lines);
    String edited = String.join("", Docs.edit(lines, rnd));
    assertEquals(new MergeResult.Merged(edited), TextMerge.merge(text, edited, text));
    assertEquals(new MergeResult.Merged(edited), TextMerge.merge(text, text, edited));
  }

  /** The key use case: two devices appending messages to one chat always merge, keeping every message. */
  @Property(tries = 200)
  void appendedMessagesAreAllKept(@ForAll long seed) {
    Random rnd = new Random(seed);
    List<JsonValue> base = new ArrayList<>();
    for (int i = rnd.nextInt(4); i > 0; i--) base.add(Docs.message("m" + i, rnd));
    List<JsonValue> onA = new ArrayList<>(base);
    List<JsonValue> onB = new ArrayList<>(base);
    Set<String> expected = new TreeSet<>();
    for (JsonValue m : base) expected.add(((JsonValue.Str) ((JsonValue.Obj) m).members().get("id")).value());
    for (int i = rnd.nextInt(4); i >= 0; i--) {
      onA.add(Docs.message("a" + i, rnd));
      expected.add("a" + i);
    }
    for (int i = rnd.nextInt(4); i >= 0; i--) {
      onB.add(Docs.message("b" + i, rnd));
      expected.add("b" + i);
    }
    JsonText.Layout pretty = new JsonText.Layout(true, "  ", "\n", true, false, false, true);
    String ancestor = JsonText.write(Docs.chat(base), pretty);
    String a = JsonText.write(Docs.chat(onA), pretty);
    String b = JsonText.write(Docs.chat(onB), pretty);
    MergeResult onDeviceA = JsonMerge.merge(ancestor, a, b, MergeOptions.of("dev-a", "dev-b"));
    MergeResult onDeviceB = JsonMerge.merge(ancestor, b, a, MergeOptions.of("dev-b", "dev-a"));
    MergeResult.Merged merged = assertInstanceOf(MergeResult.Merged.class, onDeviceA);
    assertEquals(onDeviceA, onDeviceB);
    JsonValue.Obj doc = (JsonValue.Obj) JsonText.parse(merged.text()).value();
    Set<String> ids = new TreeSet<>();
    for (JsonValue m : ((JsonValue.Arr) doc.members().get("messages")).items()) {
      ids.add(((JsonValue.Str) ((JsonValue.Obj) m).members().get("id")).value());
    }
    assertEquals(expected, ids);
  }

  /** (c) Invariant 6: whatever the strategy and inputs, local and remote content stay reachable. */
  @Property(tries = 200)
  void noStrategyDiscardsContent(@ForAll long seed) {
    Random rnd = new Random(seed);
    String path = new String[] {"notes/a.txt", "chat.json", "data.bin", ".hidden", "dir/x.y.json"}[rnd.nextInt(5)];
    byte[][] contents = Docs.contents(rnd);
    Instant t0 = Instant.parse("2024-05-01T10:00:00Z");
    ConflictCase c = new ConflictCase(path, rnd.nextInt(5) == 0 ? null : contents[0], contents[1], contents[2],
        t0.plusSeconds(rnd.nextInt(3)), t0.plusSeconds(rnd.nextInt(3)),
        DEVICES[rnd.nextInt(DEVICES.length)], DEVICES[rnd.nextInt(DEVICES.length)], "laptop",
        t0.plusSeconds(60), rnd.nextBoolean());
    for (ConflictStrategy s : ConflictStrategy.values()) {
      ConflictResolution res = ConflictResolver.decide(s, c);
      ConflictResolution.Outcome o = res.outcome(c.local(), c.remote(), c.localIsHubRevision());
      assertTrue(o.keeps(c.local()), () -> s + " lost the local content: " + res + " for " + c);
      assertTrue(o.keeps(c.remote()), () -> s + " lost the remote content: " + res + " for " + c);
      for (String copy : o.copies().keySet()) {
        assertNotEquals(path, copy);
        assertTrue(ConflictNames.isConflictCopy(copy), copy);
      }
      if (res instanceof ConflictResolution.UseMerged) assertEquals(ConflictStrategy.MERGE, s);
    }
  }

  /** Random documents and edits. */
  static final class Docs {
    static JsonValue.Obj object(Random rnd, int depth) {
      LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>();
      for (int i = rnd.nextInt(5); i >= 0; i--) m.put("k" + rnd.nextInt(8), value(rnd, depth + 1));
      if (depth == 0 && rnd.nextBoolean()) {
        List<JsonValue> msgs = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) msgs.add(message("m" + i, rnd));
        m.put("messages", new JsonValue.Arr(msgs));
      }
      return new JsonValue.Obj(m);
    }

    static JsonValue value(Random rnd, int depth) {
      switch (rnd.nextInt(depth > 2 ? 6 : 8)) {
        case 0: return new JsonValue.Num(Integer.toString(rnd.nextInt(5)));
        case 1: return new JsonValue.Num(rnd.nextInt(3) + "." + rnd.nextInt(3) + "0");
        case 2: return str(new String[] {"x", "y", "é", "a\"b"}[rnd.nextInt(4)]);
        case 3: return new JsonValue.Bool(rnd.nextBoolean());
        case 4: return new JsonValue.Null();
        case 5: return new JsonValue.Arr(List.of(new JsonValue.Num("1"), new JsonValue.Num(Integer.toString(rnd.nextInt(3)))));
        default: return object(rnd, depth);
      }
    }

    static JsonValue.Str str(String s) {
      StringBuilder sb = new StringBuilder();
      JsonText.writeString(sb, s);
      return new JsonValue.Str(s, sb.substring(1, sb.length() - 1));
    }

    static JsonValue message(String id, Random rnd) {
      LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>();
      m.put("id", str(id));
      if (rnd.nextInt(4) != 0) m.put("ts", new JsonValue.Num(Integer.toString(rnd.nextInt(5))));
      m.put("text", str("t" + rnd.nextInt(3)));
      return new JsonValue.Obj(m);
    }

    static JsonValue chat(List<JsonValue> messages) {
      LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>();
      m.put("messages", new JsonValue.Arr(messages));
      return new JsonValue.Obj(m);
    }

    /** A few random edits: change, delete and add keys; add, remove and edit messages. */
    static JsonValue mutate(JsonValue v, Random rnd, String side) {
      if (v instanceof JsonValue.Obj o) {
        LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
          int dice = rnd.nextInt(10);
          if (dice == 0) continue; // delete
          m.put(e.getKey(), dice < 3 ? mutate(e.getValue(), rnd, side) : e.getValue());
        }
        if (rnd.nextInt(4) == 0) m.put("n" + side + rnd.nextInt(3), value(rnd, 2));
        if (rnd.nextInt(8) == 0) m.put("shared" + rnd.nextInt(2), value(rnd, 3));
        return new JsonValue.Obj(m);
      }
      if (v instanceof JsonValue.Arr a && !a.items().isEmpty() && a.items().get(0) instanceof JsonValue.Obj) {
        List<JsonValue> items = new ArrayList<>();
        for (JsonValue item : a.items()) {
          int dice = rnd.nextInt(8);
          if (dice == 0) continue;
          items.add(dice == 1 ? mutate(item, rnd, side) : item);
        }
        for (int i = rnd.nextInt(3); i > 0; i--) items.add(message(side + rnd.nextInt(1000), rnd));
        return new JsonValue.Arr(items);
      }
      return rnd.nextBoolean() ? value(rnd, 3) : v;
    }

    static JsonText.Layout layout(Random rnd) {
      return switch (rnd.nextInt(4)) {
        case 0 -> JsonText.Layout.COMPACT;
        case 1 -> new JsonText.Layout(true, "  ", "\n", true, false, false, true);
        case 2 -> new JsonText.Layout(true, "\t", "\r\n", true, false, false, false);
        default -> new JsonText.Layout(false, "", "\n", true, true, false, false);
      };
    }

    static List<String> lines(Random rnd) {
      List<String> out = new ArrayList<>();
      for (int i = rnd.nextInt(10); i > 0; i--) out.add("l" + rnd.nextInt(6) + (rnd.nextInt(8) == 0 ? "\r\n" : "\n"));
      if (!out.isEmpty() && rnd.nextInt(5) == 0) out.add("tail");
      return out;
    }

    static List<String> edit(List<String> lines, Random rnd) {
      List<String> out = new ArrayList<>(lines);
      for (int e = rnd.nextInt(3); e >= 0; e--) {
        int at = out.isEmpty() ? 0 : rnd.nextInt(out.size() + 1);
        switch (rnd.nextInt(3)) {
          case 0 -> out.add(at, "new" + rnd.nextInt(4) + "\n");
          case 1 -> { if (at < out.size()) out.remove(at); }
          default -> { if (at < out.size()) out.set(at, "chg" + rnd.nextInt(4) + "\n"); }
        }
      }
      return out;
    }

    /** Ancestor, local, remote: text, JSON or binary, sometimes equal to each other. */
    static byte[][] contents(Random rnd) {
      byte[][] out = new byte[3][];
      int kind = rnd.nextInt(3);
      JsonValue a = object(rnd, 0);
      List<String> lines = lines(rnd);
      for (int i = 0; i < 3; i++) {
        if (kind == 0) {
          out[i] = JsonText.write(i == 0 ? a : mutate(a, rnd, i == 1 ? "L" : "R"), JsonText.Layout.COMPACT).getBytes(StandardCharsets.UTF_8);
        } else if (kind == 1) {
          out[i] = String.join("", i == 0 ? lines : edit(lines, rnd)).getBytes(StandardCharsets.UTF_8);
        } else {
          out[i] = new byte[rnd.nextInt(6)];
          rnd.nextBytes(out[i]);
        }
      }
      return out;
    }
  }
}
