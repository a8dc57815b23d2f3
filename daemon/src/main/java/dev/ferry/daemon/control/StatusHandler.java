package dev.ferry.daemon.control;

import dev.ferry.config.FerryConfig;
import dev.ferry.config.FolderConfig;
import dev.ferry.daemon.Folders;
import dev.ferry.daemon.account.DeviceCredentials;
import dev.ferry.daemon.account.SecretStore;
import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.daemon.engine.FolderRunner;
import dev.ferry.daemon.engine.RunHistory;
import dev.ferry.daemon.engine.RunReport;
import dev.ferry.daemon.queue.QueueEntry;
import dev.ferry.daemon.queue.Queues;
import dev.ferry.daemon.queue.RetrySchedule;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.FolderStatusView;
import dev.ferry.ipc.methods.StatusResult;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;

/** {@code status}: each folder's state, last run and what waits. */
public final class StatusHandler implements RpcHandler {
  private final Folders folders;
  private final DeviceCredentials device;
  private final RunHistory history;
  private final PausedFolders paused;
  private final Queues queues;
  private final RetrySchedule retries;
  private final SecretStore secrets;

  @Inject
  StatusHandler(Folders folders, DeviceCredentials device, RunHistory history, PausedFolders paused, Queues queues,
      RetrySchedule retries, SecretStore secrets) {
    this.secrets = secrets;
    this.folders = folders;
    this.device = device;
    this.history = history;
    this.paused = paused;
    this.queues = queues;
    this.retries = retries;
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    call.noParams();
    List<FolderStatusView> views = new ArrayList<>();
    boolean online = true;
    for (FolderConfig f : folders.configs().values()) {
      FolderRunner r = folders.runner(f.id()).orElse(null);
      RunReport last = r == null ? null : r.lastReport();
      boolean folderOnline = last == null || last.errorCategory() == null || !isOffline(last.errorCategory());
      online &= folderOnline;
      long conflicts;
      try {
        conflicts = history.openConflicts(f.id());
      } catch (SQLException e) {
        conflicts = 0;
      }
      long queued;
      long failed;
      try {
        queued = queues.count(f.id(), QueueEntry.Status.PENDING);
        failed = queues.count(f.id(), QueueEntry.Status.FAILED);
      } catch (SQLException e) {
        throw FolderSelection.storageFailure("the queue", e);
      }
      // Pending: the outbox; a check-only run's count of local changes when nothing was queued.
      long pending = queued > 0 || last == null ? queued : last.pending();
      String setupError = folders.setupError(f.id()).orElse(null);
      // SPEC: a folder whose root or marker vanished (an unmounted disk) is paused; its runs refuse
      // to start until both are back, so it shows as paused, not as a folder that merely failed.
      boolean vanished = last != null && "failed".equals(last.result()) && dev.ferry.daemon.local.FolderScanner.rootOrMarkerGone(f.path());
      views.add(new FolderStatusView(f.id(), f.path().toString(), r == null ? "ERROR" : r.state().name(), folderOnline,
          paused.isPaused(f.id()) || vanished, last == null ? null : last.startedAt().plusMillis(last.durationMs()), last == null ? null : last.result(),
          pending, failed, conflicts, setupError != null ? setupError : last == null ? null : last.error(),
          retries.next(f.id()).orElse(null),
          last == null || last.errorCategory() == null ? null : last.errorCategory().wireName(),
          // A folder that could not be set up never runs by itself until something is fixed.
          setupError != null
              || last != null && "failed".equals(last.result()) && last.errorCategory() != null && last.errorCategory().runWaitsForPerson(),
          remoteWaiting(f.id())));
    }
    // Read at each call: a 'ferry login' that wrote the account key again clears it at once.
    return new StatusResult(device.deviceName(), device.deviceId(), device.user(), online, device.server(), views,
        secrets.problems());
  }

  /** Whether the folder's event stream announced changes no run has pulled yet (auto_apply off). */
  private boolean remoteWaiting(String folder) {
    dev.ferry.daemon.trigger.FolderTriggers t = folders.triggers().get(folder);
    return t != null && t.remoteWaiting();
  }


  private static boolean isOffline(ErrorCategory c) {
    return c == ErrorCategory.NETWORK || c == ErrorCategory.TIMEOUT;
  }
}
