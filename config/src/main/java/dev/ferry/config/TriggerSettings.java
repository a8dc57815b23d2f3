package dev.ferry.config;

import java.time.Duration;
import java.util.Objects;

/** {@code [triggers.*]}: what starts a sync run. */
public record TriggerSettings(Startup startup, Periodic periodic, Watch watch, Realtime realtime) {
  public static final TriggerSettings DEFAULTS =
      new TriggerSettings(Startup.DEFAULTS, Periodic.DEFAULTS, Watch.DEFAULTS, Realtime.DEFAULTS);

  public TriggerSettings {
    Objects.requireNonNull(startup, "startup");
    Objects.requireNonNull(periodic, "periodic");
    Objects.requireNonNull(watch, "watch");
    Objects.requireNonNull(realtime, "realtime");
  }

  /** {@code [triggers.startup]}: one sync when the daemon starts; {@code blocking} holds other work until it ends or {@code timeout}. */
  public record Startup(boolean enabled, boolean blocking, Duration timeout) {
    public static final Startup DEFAULTS = new Startup(true, false, Duration.ofSeconds(30));

    public Startup {
      Objects.requireNonNull(timeout, "timeout");
    }
  }

  /**
   * {@code [triggers.periodic]}: a sync every {@code interval} (skipped when {@code onlyIfChanges}
   * and nothing changed), and a full rescan of the folders every {@code rescanInterval}.
   */
  public record Periodic(boolean enabled, Duration interval, boolean onlyIfChanges, Duration rescanInterval) {
    public static final Periodic DEFAULTS = new Periodic(true, Duration.ofMinutes(5), false, Duration.ofHours(1));

    public Periodic {
      Objects.requireNonNull(interval, "interval");
      Objects.requireNonNull(rescanInterval, "rescanInterval");
    }
  }

  /**
   * {@code [triggers.watch]}: file events start a sync after {@code debounce} of quiet, and at
   * least every {@code maxDelay} while events keep coming.
   */
  public record Watch(boolean enabled, Duration debounce, Duration maxDelay) {
    public static final Watch DEFAULTS = new Watch(true, Duration.ofMillis(500), Duration.ofSeconds(10));

    public Watch {
      Objects.requireNonNull(debounce, "debounce");
      Objects.requireNonNull(maxDelay, "maxDelay");
    }
  }

  /** {@code [triggers.realtime]}: the hub's event stream; {@code autoApply} downloads at once, {@code notifyDesktop} (key {@code notify}) tells the desktop. */
  public record Realtime(boolean enabled, boolean autoApply, boolean notifyDesktop) {
    public static final Realtime DEFAULTS = new Realtime(true, true, false);
  }
}
