package dev.ferry.ipc.methods;

import java.util.List;

/** Every method name of the control socket (SPEC §6), shared by the daemon's handlers and the CLI. */
public final class Methods {
  public static final String STATUS = "status";
  public static final String SYNC = "sync";
  public static final String PAUSE = "pause";
  public static final String RESUME = "resume";
  public static final String QUEUE_LIST = "queue.list";
  public static final String QUEUE_RETRY = "queue.retry";
  public static final String QUEUE_DROP = "queue.drop";
  public static final String CONFLICTS_LIST = "conflicts.list";
  public static final String CONFLICTS_DIFF = "conflicts.diff";
  public static final String CONFLICTS_RESOLVE = "conflicts.resolve";
  public static final String HISTORY_LIST = "history.list";
  public static final String VERSIONS_LIST = "versions.list";
  public static final String VERSIONS_RESTORE = "versions.restore";
  public static final String DEVICES_LIST = "devices.list";
  public static final String DEVICES_REVOKE = "devices.revoke";
  public static final String STATS = "stats";
  public static final String CONFIG_RELOAD = "config.reload";
  public static final String SHUTDOWN = "shutdown";
  /** The dashboard's address with a fresh one-time sign-in token ({@code ferry ui}). */
  public static final String UI_OPEN = "ui.open";
  /** Streaming: state changes and progress, as notifications, until the client hangs up. */
  public static final String EVENTS_SUBSCRIBE = "events.subscribe";
  /** Streaming: log lines, as notifications, until the client hangs up. */
  public static final String LOGS_TAIL = "logs.tail";

  /** The notification method of {@link #EVENTS_SUBSCRIBE}: params {@code {"type":..., ...}}. */
  public static final String EVENT = "event";
  /** The notification method of {@link #LOGS_TAIL}: params are the log line's JSON object. */
  public static final String LOG = "log";

  /** All of them, in SPEC order. */
  public static final List<String> ALL = List.of(STATUS, SYNC, PAUSE, RESUME, QUEUE_LIST, QUEUE_RETRY, QUEUE_DROP,
      CONFLICTS_LIST, CONFLICTS_DIFF, CONFLICTS_RESOLVE, HISTORY_LIST, VERSIONS_LIST, VERSIONS_RESTORE, DEVICES_LIST,
      DEVICES_REVOKE, STATS, CONFIG_RELOAD, SHUTDOWN, EVENTS_SUBSCRIBE, LOGS_TAIL, UI_OPEN);

  /** The methods that answer with notifications until the client hangs up. */
  public static final List<String> STREAMING = List.of(EVENTS_SUBSCRIBE, LOGS_TAIL);

  private Methods() {}
}
