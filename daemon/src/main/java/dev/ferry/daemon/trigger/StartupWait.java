package dev.ferry.daemon.trigger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The blocking startup trigger's wait: done when every folder's startup run has ended (well or
 * not), or when {@code timeout} passes, whichever comes first. The timeout runs on the
 * {@link TaskScheduler}, so tests move it with a fake clock.
 */
public final class StartupWait {
  private StartupWait() {}

  /** {@code completed}: every run ended in time; else {@code unfinished} names the folders still running. */
  public record Outcome(boolean completed, List<String> unfinished) {
    public Outcome {
      unfinished = List.copyOf(unfinished);
    }
  }

  public static CompletableFuture<Outcome> await(Map<String, ? extends CompletableFuture<?>> runs, Duration timeout,
      TaskScheduler timers) {
    CompletableFuture<Outcome> result = new CompletableFuture<>();
    CompletableFuture<Void> all = CompletableFuture.allOf(runs.values().stream()
        .map(f -> f.handle((v, e) -> null)).toArray(CompletableFuture[]::new));
    TaskScheduler.Handle timer = timers.schedule(() -> result.complete(new Outcome(false,
        runs.entrySet().stream().filter(e -> !e.getValue().isDone()).map(Map.Entry::getKey).toList())), timeout);
    all.whenComplete((v, e) -> {
      timer.cancel();
      result.complete(new Outcome(true, List.of()));
    });
    return result;
  }
}
