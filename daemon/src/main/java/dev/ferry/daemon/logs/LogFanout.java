package dev.ferry.daemon.logs;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The daemon's live log feed behind {@code logs.tail}. The logging setup (in the command line
 * module, which the daemon cannot depend on) hands every formatted JSON line to {@link
 * #publish}; each {@code logs.tail} call subscribes for as long as its client stays.
 *
 * <p>Publishing happens inside a logging call on any thread, so subscribers must return at once
 * and must not log (that would feed back into this very call): they hand the line to their own
 * bounded queue. A subscriber that throws is dropped silently, for the same reason.
 */
@Singleton
public final class LogFanout {
  /** A subscription; closing it unsubscribes. */
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  private final CopyOnWriteArrayList<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();

  @Inject
  public LogFanout() {}

  /** Whether anyone listens: the appender skips formatting when nobody does. */
  public boolean hasSubscribers() { return !subscribers.isEmpty(); }

  public Subscription subscribe(Consumer<String> onLine) {
    Objects.requireNonNull(onLine, "onLine");
    subscribers.add(onLine);
    return () -> subscribers.remove(onLine);
  }

  /** Hands one complete JSON log line (no trailing newline) to every subscriber. */
  public void publish(String line) {
    for (Consumer<String> s : subscribers) {
      try {
        s.accept(line);
      } catch (RuntimeException e) {
        subscribers.remove(s); // logging the failure would re-enter the logger
      }
    }
  }
}
