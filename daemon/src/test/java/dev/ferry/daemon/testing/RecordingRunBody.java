package dev.ferry.daemon.testing;

import dev.ferry.daemon.core.FolderState;
import dev.ferry.daemon.engine.FolderRunner;
import dev.ferry.daemon.engine.RunReport;
import dev.ferry.daemon.engine.SyncRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A folder's run for scheduler tests: records each request it ran (with the clock's time) and
 * walks the state machine IDLE → CHECKING → COMPLETE → IDLE, like a run with nothing to do.
 */
public final class RecordingRunBody implements FolderRunner.RunBody {
  /** One run that happened. */
  public record Run(SyncRequest request, Instant at) {}

  private final Clock clock;
  private final List<Run> runs = new CopyOnWriteArrayList<>();

  public RecordingRunBody(Clock clock) {
    this.clock = clock;
  }

  @Override
  public RunReport run(SyncRequest request, Consumer<FolderState> onState) {
    Instant at = clock.instant();
    runs.add(new Run(request, at));
    onState.accept(FolderState.CHECKING);
    onState.accept(FolderState.COMPLETE);
    onState.accept(FolderState.IDLE);
    return report("f", request, at);
  }

  public static RunReport report(String folder, SyncRequest request, Instant at) {
    return new RunReport(folder, request.trigger(), request.direction().wireName(), at, 0, "ok", 0, 0, 0, 0, 0, 0, 0,
        List.of(), null, null);
  }

  public List<Run> runs() { return List.copyOf(runs); }

  /** The trigger strings of the runs, in order. */
  public List<String> triggers() { return runs.stream().map(r -> r.request().trigger()).toList(); }
}
