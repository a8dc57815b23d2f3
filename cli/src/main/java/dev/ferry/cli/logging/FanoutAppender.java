package dev.ferry.cli.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.Layout;
import dev.ferry.daemon.logs.LogFanout;

/**
 * Hands every log line, formatted exactly as in the log file, to the running daemon's {@link
 * LogFanout} ({@code logs.tail}). Logging is set up before the daemon's graph exists, so the
 * fanout arrives later through {@link #connect}; until then, and whenever nobody tails, lines
 * are not even formatted.
 */
public final class FanoutAppender extends AppenderBase<ILoggingEvent> {
  private static volatile LogFanout target;

  private Layout<ILoggingEvent> layout;

  /** Points every fanout appender at the daemon's fanout (null: nowhere), when the daemon starts or stops. */
  public static void connect(LogFanout fanout) { target = fanout; }

  public void setLayout(Layout<ILoggingEvent> layout) { this.layout = layout; }

  @Override
  public void start() {
    if (layout == null) {
      addError("no layout for the fanout appender " + name);
      return;
    }
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    LogFanout f = target;
    if (f == null || !f.hasSubscribers()) return;
    f.publish(layout.doLayout(event).stripTrailing());
  }
}
