package dev.ferry.daemon.trigger;

import dev.ferry.config.FolderConfig;
import dev.ferry.config.TriggerSettings;
import dev.ferry.daemon.Folders;
import dev.ferry.daemon.core.SyncDirection;
import dev.ferry.daemon.core.Trigger;
import dev.ferry.daemon.engine.FolderRunner;
import dev.ferry.daemon.engine.RunReport;
import dev.ferry.daemon.engine.SyncRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every folder's triggers: the daemon starts them once, requests the startup runs, and
 * re-applies the settings after each config reload, which may also add and remove folders.
 */
@Singleton
public final class Triggers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Triggers.class);

  private final Folders folders;
  private final LiveSettings live;
  private final TaskScheduler timers;
  private boolean started;

  @Inject
  public Triggers(Folders folders, LiveSettings live, TaskScheduler timers) {
    this.folders = folders;
    this.live = live;
    this.timers = timers;
  }

  /** Starts the watch, periodic and real-time triggers of every folder, and follows reloads from now on. */
  public synchronized void start() {
    if (started) return;
    started = true;
    folders.triggers().values().forEach(FolderTriggers::apply);
    live.onChange(this::apply);
  }

  private synchronized void apply() {
    if (!started) return;
    log.info("trigger settings reloaded; applying them to {} folder(s)", folders.triggers().size());
    folders.triggers().values().forEach(FolderTriggers::apply);
  }

  /**
   * Brings the running folders in line with the config's list: a removed folder stops (once
   * its run in progress ends), an added one is set up, its triggers started and a first run
   * requested; a folder whose settings changed is stopped and set up again. Returns what
   * changed, one phrase per folder ("added docs", ...); empty when nothing did.
   */
  public List<String> applyFolders(List<FolderConfig> wanted) {
    List<String> changed = new ArrayList<>();
    Map<String, FolderConfig> running = folders.configs();
    Map<String, FolderConfig> next = new LinkedHashMap<>();
    for (FolderConfig f : wanted) next.put(f.id(), f);
    for (FolderConfig f : running.values()) {
      FolderConfig now = next.get(f.id());
      // A folder that could not be set up (its key unreachable, say) is tried again, and so is
      // one whose symlinked root leads somewhere new (its disk was not mounted at start).
      if (now == null || !now.equals(f) || folders.setupError(f.id()).isPresent() || folders.rootMoved(f.id())) {
        folders.remove(f.id());
        if (now == null) changed.add("removed " + f.id());
      }
    }
    for (FolderConfig f : next.values()) {
      FolderConfig before = running.get(f.id());
      if (before != null && before.equals(f) && folders.configs().containsKey(f.id())) continue;
      changed.add((before == null ? "added " : before.equals(f) ? "set up again " : "changed ") + f.id());
      Optional<FolderTriggers> t = folders.add(f);
      synchronized (this) {
        if (!started || t.isEmpty()) continue;
        t.get().apply();
      }
      folders.runner(f.id()).ifPresent(r -> r.request(new SyncRequest(SyncDirection.BOTH, false, false, Trigger.STARTUP.wireName())));
    }
    if (!changed.isEmpty()) log.info("folders: {}", String.join(", ", changed));
    return changed;
  }

  /**
   * Requests one startup run per folder ({@code [triggers.startup]}), and returns when the
   * daemon may serve: at once if the trigger is disabled or not blocking, else once every
   * startup run ended or the timeout passed.
   */
  public CompletableFuture<StartupWait.Outcome> startup() {
    TriggerSettings.Startup s = live.triggers().startup();
    if (!s.enabled()) return CompletableFuture.completedFuture(new StartupWait.Outcome(true, java.util.List.of()));
    Map<String, CompletableFuture<RunReport>> runs = new LinkedHashMap<>();
    for (FolderRunner r : folders.runners().values()) {
      runs.put(r.folder(), r.request(new SyncRequest(SyncDirection.BOTH, false, false, Trigger.STARTUP.wireName())));
    }
    if (!s.blocking()) return CompletableFuture.completedFuture(new StartupWait.Outcome(true, java.util.List.of()));
    return StartupWait.await(runs, s.timeout(), timers);
  }

  @Override
  public synchronized void close() {
    started = false;
    folders.triggers().values().forEach(FolderTriggers::close);
  }
}
