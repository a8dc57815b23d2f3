package dev.ferry.daemon.events;

import dev.ferry.daemon.core.FolderState;
import dev.ferry.daemon.engine.RunReport;
import java.time.Instant;

/**
 * What the daemon publishes on its {@link EventBus}: the stream behind {@code events.subscribe}.
 * Each event is a small value naming its folder; the JSON form is Moshi's view of the record.
 */
public sealed interface DaemonEvent {
  /** The folder the event is about. */
  String folder();

  /** The folder's state machine moved ({@code from} → {@code to}) during run {@code syncId}, started by {@code trigger}. */
  record FolderStateChanged(String folder, FolderState from, FolderState to, String syncId, String trigger, Instant at)
      implements DaemonEvent {}

  /** A run ended (ok, attention or failed); {@code report} is what the runs table records. */
  record RunFinished(String folder, String syncId, RunReport report) implements DaemonEvent {}

  /**
   * Another device changed the folder on the hub ({@code [triggers.realtime]}): published when
   * {@code notify} is on, whether or not {@code auto_apply} starts a run for it.
   */
  record RemoteChange(String folder, long seq, String entryId, boolean deleted, String modifiedBy, Instant at)
      implements DaemonEvent {}

  /**
   * How far a run has come, published every half second or so while something moves (and once
   * at the end of the transfer phase): files handled and plaintext bytes read or written, out of
   * what the run planned. Totals can grow during a run (a second upload round after a conflict).
   */
  record Progress(String folder, String syncId, long filesDone, long filesTotal, long bytesDone, long bytesTotal,
      Instant at) implements DaemonEvent {}
}
