package dev.ferry.daemon.core;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What starts a sync run (SPEC §4). A run records the trigger that caused it as its wire name;
 * a run serving several collapsed requests records them all, joined with {@code +} in arrival
 * order ({@code watch+realtime}), so {@code ferry history} shows why it ran.
 */
public enum Trigger {
  STARTUP("startup", false),
  PERIODIC("periodic", false),
  /** A periodic run forced by {@code rescan_interval} although nothing looked changed. */
  RESCAN("rescan", false),
  WATCH("watch", false),
  REALTIME("realtime", false),
  /** The daemon trying again by itself: the offline probe, or items backing off (queue/). */
  RETRY("retry", false),
  /** The hub's event stream came back after a failure ({@code offline.sync_on_reconnect}): drain the queue now. */
  RECONNECT("reconnect", false),
  MANUAL("manual", true),
  PRE_OPERATION("pre-operation", true);

  private final String wireName;
  private final boolean bypassesThrottle;

  Trigger(String wireName, boolean bypassesThrottle) {
    this.wireName = wireName;
    this.bypassesThrottle = bypassesThrottle;
  }

  /** The name stored in the runs table and logged as {@code trigger}. */
  public String wireName() { return wireName; }

  /** Whether a person is waiting on this run: then {@code performance.throttle} does not apply. */
  public boolean bypassesThrottle() { return bypassesThrottle; }

  /** The trigger with this wire name. */
  public static Trigger parse(String wireName) {
    for (Trigger t : values()) {
      if (t.wireName.equals(wireName)) return t;
    }
    throw new IllegalArgumentException("unknown trigger '" + wireName + "'");
  }

  /** Whether a (possibly combined) trigger string holds one that bypasses the throttle. */
  public static boolean bypassesThrottle(String triggers) {
    for (String name : triggers.split("\\+")) {
      for (Trigger t : values()) {
        if (t.wireName.equals(name) && t.bypassesThrottle) return true;
      }
    }
    return false;
  }

  /** {@code a} and {@code b} as one trigger string: each name once, in order of first arrival. */
  public static String combine(String a, String b) {
    Set<String> names = new LinkedHashSet<>();
    for (String n : a.split("\\+")) names.add(n);
    for (String n : b.split("\\+")) names.add(n);
    return String.join("+", names);
  }

  @Override
  public String toString() { return wireName.toLowerCase(Locale.ROOT); }
}
