package dev.ferry.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Sets up logging for the long-running processes: JSON lines to stdout (journald, launchd)
 * and to a size-rotated file, and live to {@code logs.tail} subscribers ({@link FanoutAppender}). Client commands keep the quiet default of logback.xml
 * (warnings only, to stderr), so their stdout stays theirs.
 */
public final class Logging {
  private Logging() {}

  public static void forService(Path logsDir, String fileName, String device, boolean toStdout) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.setLevel(Level.INFO);
    ctx.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
    ctx.getLogger("io.javalin").setLevel(Level.WARN);
    ctx.getLogger("okhttp3").setLevel(Level.WARN);
    // A lost database makes HikariCP warn once per pooled connection it finds broken or fails to
    // validate; the hub logs the outage itself, once (StorageHealth).
    ctx.getLogger("com.zaxxer.hikari.pool.PoolBase").setLevel(Level.ERROR);
    ctx.getLogger("com.zaxxer.hikari.pool.ProxyConnection").setLevel(Level.ERROR);
    if (toStdout) {
      ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
      out.setContext(ctx);
      out.setName("stdout");
      out.setEncoder(encoder(ctx, device));
      out.start();
      root.addAppender(out);
    }
    if (logsDir != null) {
      RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
      file.setContext(ctx);
      file.setName("file");
      file.setFile(logsDir.resolve(fileName + ".log").toString());
      FixedWindowRollingPolicy roll = new FixedWindowRollingPolicy();
      roll.setContext(ctx);
      roll.setParent(file);
      roll.setFileNamePattern(logsDir.resolve(fileName + ".%i.log.gz").toString());
      roll.setMinIndex(1);
      roll.setMaxIndex(5);
      roll.start();
      SizeBasedTriggeringPolicy<ILoggingEvent> size = new SizeBasedTriggeringPolicy<>();
      size.setContext(ctx);
      size.setMaxFileSize(FileSize.valueOf("10MB"));
      size.start();
      file.setRollingPolicy(roll);
      file.setTriggeringPolicy(size);
      file.setEncoder(encoder(ctx, device));
      file.start();
      root.addAppender(file);
    }
    // Live lines for logs.tail; idle until the daemon connects its fanout (FanoutAppender.connect).
    FanoutAppender fanout = new FanoutAppender();
    fanout.setContext(ctx);
    fanout.setName("fanout");
    fanout.setLayout(layout(ctx, device));
    fanout.start();
    root.addAppender(fanout);
  }

  /** Back to the client commands' quiet logback.xml setup (after a service stops in-process, or a test). */
  public static void resetToDefault() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.reset();
    try {
      new ch.qos.logback.classic.util.ContextInitializer(ctx).autoConfig();
    } catch (ch.qos.logback.core.joran.spi.JoranException e) {
      throw new IllegalStateException("the bundled logback.xml is broken: " + e.getMessage(), e);
    }
  }

  private static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext ctx, String device) {
    JsonLineLayout layout = layout(ctx, device);
    LayoutWrappingEncoder<ILoggingEvent> enc = new LayoutWrappingEncoder<>();
    enc.setContext(ctx);
    enc.setLayout(layout);
    enc.start();
    return enc;
  }

  private static JsonLineLayout layout(LoggerContext ctx, String device) {
    JsonLineLayout layout = new JsonLineLayout();
    layout.setContext(ctx);
    layout.setDevice(device);
    layout.start();
    return layout;
  }
}
