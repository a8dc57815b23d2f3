package dev.ferry.daemon.core;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A version vector: for each device, how many changes of this entry it has made that this
 * version has seen. Immutable. A device that is absent counts 0, so zero counters are dropped
 * and {@code {}} equals {@code {a:0}}. Counters are never negative.
 *
 * <p>Two vectors are {@link Ordering#EQUAL}, one happened {@link Ordering#BEFORE} or
 * {@link Ordering#AFTER} the other (every counter ≤, resp. ≥, and they differ), or they are
 * {@link Ordering#CONCURRENT}: each has seen a change the other has not — a conflict.
 */
public record VersionVector(SortedMap<String, Long> counters) {

  /** How one vector relates to another. */
  public enum Ordering { EQUAL, BEFORE, AFTER, CONCURRENT }

  private static final VersionVector EMPTY = new VersionVector(new TreeMap<>());

  public VersionVector {
    TreeMap<String, Long> copy = new TreeMap<>();
    for (Map.Entry<String, Long> e : counters.entrySet()) {
      String device = e.getKey();
      Long n = e.getValue();
      if (device == null || device.isEmpty()) throw new IllegalArgumentException("version vector: empty device id");
      if (n == null || n < 0) throw new IllegalArgumentException("version vector: counter of " + device + " is " + n + ", must be ≥ 0");
      if (n > 0) copy.put(device, n);
    }
    counters = Collections.unmodifiableSortedMap(copy);
  }

  public static VersionVector empty() {
    return EMPTY;
  }

  /**
   * Reads the JSON form ({@code {"device": counter}}). Accepts any {@link Number} because a
   * generic JSON reader yields doubles; a counter that is not a whole number is an error.
   */
  public static VersionVector fromMap(Map<String, ? extends Number> map) {
    if (map == null) return EMPTY;
    TreeMap<String, Long> m = new TreeMap<>();
    for (Map.Entry<String, ? extends Number> e : map.entrySet()) {
      Number n = e.getValue();
      if (n == null) throw new IllegalArgumentException("version vector: counter of " + e.getKey() + " is null");
      long v = n.longValue();
      if (!(n instanceof Long || n instanceof Integer) && n.doubleValue() != (double) v) {
        throw new IllegalArgumentException("version vector: counter of " + e.getKey() + " is " + n + ", not a whole number");
      }
      m.put(e.getKey(), v);
    }
    return new VersionVector(m);
  }

  /** The JSON form: device → counter, sorted by device, zero counters left out. */
  public SortedMap<String, Long> toMap() {
    return counters;
  }

  public long get(String device) {
    return counters.getOrDefault(device, 0L);
  }

  /** This vector with one more change by {@code device}. */
  public VersionVector increment(String device) {
    TreeMap<String, Long> m = new TreeMap<>(counters);
    m.merge(device, 1L, Math::addExact);
    return new VersionVector(m);
  }

  /** The pointwise maximum: a version that has seen everything either has seen. */
  public VersionVector merge(VersionVector other) {
    TreeMap<String, Long> m = new TreeMap<>(counters);
    other.counters.forEach((d, n) -> m.merge(d, n, Math::max));
    return new VersionVector(m);
  }

  public Ordering compare(VersionVector other) {
    boolean someGreater = false;
    boolean someLess = false;
    TreeMap<String, Long> all = new TreeMap<>(counters);
    other.counters.forEach((d, n) -> all.putIfAbsent(d, 0L));
    for (String d : all.keySet()) {
      long a = get(d);
      long b = other.get(d);
      if (a > b) someGreater = true;
      if (a < b) someLess = true;
    }
    if (someGreater && someLess) return Ordering.CONCURRENT;
    if (someGreater) return Ordering.AFTER;
    if (someLess) return Ordering.BEFORE;
    return Ordering.EQUAL;
  }

  /** True when this version has seen everything {@code other} has (AFTER or EQUAL). */
  public boolean dominates(VersionVector other) {
    Ordering o = compare(other);
    return o == Ordering.AFTER || o == Ordering.EQUAL;
  }

  public boolean isConcurrentWith(VersionVector other) {
    return compare(other) == Ordering.CONCURRENT;
  }

  @Override
  public String toString() {
    return counters.toString();
  }
}
