package dev.ferry.daemon.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ferry.daemon.core.VersionVector.Ordering;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per pair: (a, b) → a.compare(b), a.dominates(b), a.merge(b). */
class VersionVectorTest {

  static Stream<Arguments> rows() {
    return Stream.of(
        row("", "", Ordering.EQUAL, true, ""),
        row("a1", "a1", Ordering.EQUAL, true, "a1"),
        row("a1", "", Ordering.AFTER, true, "a1"),
        row("", "a1", Ordering.BEFORE, false, "a1"),
        row("a2", "a1", Ordering.AFTER, true, "a2"),
        row("a1", "a2", Ordering.BEFORE, false, "a2"),
        row("a1 b1", "a1", Ordering.AFTER, true, "a1 b1"),
        row("a1", "a1 b1", Ordering.BEFORE, false, "a1 b1"),
        row("a1", "b1", Ordering.CONCURRENT, false, "a1 b1"),
        row("a2 b1", "a1 b2", Ordering.CONCURRENT, false, "a2 b2"),
        row("a2 b2", "a1 b2", Ordering.AFTER, true, "a2 b2"),
        row("a1 b2 c3", "a1 b2 c3", Ordering.EQUAL, true, "a1 b2 c3"),
        row("a1 b2", "a1 b2 c1", Ordering.BEFORE, false, "a1 b2 c1"),
        row("a3 c1", "a1 b2 c1", Ordering.CONCURRENT, false, "a3 b2 c1"),
        // A zero counter is an absent one.
        row("a0", "", Ordering.EQUAL, true, ""),
        row("a0 b1", "b1", Ordering.EQUAL, true, "b1"),
        row("a9223372036854775807", "a9223372036854775806", Ordering.AFTER, true, "a9223372036854775807"));
  }

  static Arguments row(String a, String b, Ordering ordering, boolean dominates, String merged) {
    return Arguments.of(a, b, ordering, dominates, merged);
  }

  @ParameterizedTest(name = "[{0}] vs [{1}] → {2}")
  @MethodSource("rows")
  void compares(String a, String b, Ordering ordering, boolean dominates, String merged) {
    VersionVector va = vv(a);
    VersionVector vb = vv(b);
    assertEquals(ordering, va.compare(vb));
    assertEquals(dominates, va.dominates(vb));
    assertEquals(vv(merged), va.merge(vb));
    assertEquals(vv(merged), vb.merge(va), "merge is commutative");
    Ordering reverse = switch (ordering) {
      case BEFORE -> Ordering.AFTER;
      case AFTER -> Ordering.BEFORE;
      default -> ordering;
    };
    assertEquals(reverse, vb.compare(va), "compare is antisymmetric");
    assertEquals(Ordering.EQUAL, va.merge(vb).compare(va.merge(vb)));
    assertEquals(true, va.merge(vb).dominates(va) && va.merge(vb).dominates(vb), "the merge has seen both");
  }

  @Test
  void incrementCountsOneChangeOfThatDevice() {
    VersionVector v = VersionVector.empty().increment("a").increment("b").increment("a");
    assertEquals(Map.of("a", 2L, "b", 1L), v.toMap());
    assertEquals(Ordering.AFTER, v.compare(vv("a1 b1")));
    assertEquals(Ordering.AFTER, v.increment("a").compare(v));
    assertEquals(Ordering.AFTER, v.increment("c").compare(v));
    assertEquals(Ordering.CONCURRENT, v.increment("c").compare(v.increment("a")));
    assertEquals(0L, v.get("zzz"));
    assertThrows(ArithmeticException.class, () -> vv("a9223372036854775807").increment("a"));
  }

  @Test
  void roundTripsThroughItsJsonMap() {
    VersionVector v = vv("b2 a1 c0");
    assertEquals("{a=1, b=2}", v.toMap().toString(), "sorted, zeros dropped");
    assertEquals(v, VersionVector.fromMap(v.toMap()));
    // A generic JSON reader gives doubles.
    Map<String, Double> doubles = new LinkedHashMap<>();
    doubles.put("a", 1.0);
    doubles.put("b", 2.0);
    assertEquals(v, VersionVector.fromMap(doubles));
    assertEquals(VersionVector.empty(), VersionVector.fromMap(null));
  }

  @Test
  void refusesWhatIsNotAVersionVector() {
    IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> VersionVector.fromMap(Map.of("a", -1L)));
    assertEquals("version vector: counter of a is -1, must be ≥ 0", neg.getMessage());
    IllegalArgumentException frac = assertThrows(IllegalArgumentException.class, () -> VersionVector.fromMap(Map.of("a", 1.5)));
    assertEquals("version vector: counter of a is 1.5, not a whole number", frac.getMessage());
    assertThrows(IllegalArgumentException.class, () -> VersionVector.fromMap(Map.of("", 1L)));
  }

  /** "a2 b1" → {a=2, b=1}: device is the first character, the counter the rest. */
  static VersionVector vv(String s) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String part : s.trim().split(" ")) {
      if (part.isEmpty()) continue;
      m.put(part.substring(0, 1), Long.parseLong(part.substring(1)));
    }
    return new VersionVector(m.isEmpty() ? new java.util.TreeMap<>() : new java.util.TreeMap<>(m));
  }
}
