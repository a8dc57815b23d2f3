package dev.ferry.daemon;

import dev.ferry.config.FerryConfig;
import dev.ferry.config.FerryLocations;
import dev.ferry.config.FolderConfig;
import dev.ferry.daemon.control.PausedFolders;
import dev.ferry.daemon.di.FolderComponent;
import dev.ferry.daemon.engine.FolderRunner;
import dev.ferry.daemon.engine.RunHistory;
import dev.ferry.daemon.trigger.FolderTriggers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured folders and their runners. A folder that cannot be set up (its key is not
 * on this device and the hub is unreachable, say) is kept with its error, shown by status, and
 * does not stop the others. Folders come and go while the daemon runs ({@code ferry folder
 * add|remove}, a config reload): the views handed out are copies, taken under the lock.
 */
@Singleton
public final class Folders implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Folders.class);

  private final FolderComponent.Factory factory;
  private final RunHistory history;
  private final PausedFolders paused;
  private final Map<String, FolderConfig> configs = new LinkedHashMap<>();
  private final Map<String, FolderRunner> runners = new LinkedHashMap<>();
  private final Map<String, FolderComponent> components = new LinkedHashMap<>();
  private final Map<String, String> setupErrors = new LinkedHashMap<>();
  private final Map<String, FolderTriggers> triggers = new LinkedHashMap<>();
  private final Map<String, Path> roots = new LinkedHashMap<>();

  /** Ferry's own directories (config, secrets, state, logs, socket): never synced, even inside a folder. */
  private final List<Path> ownDirs;

  @Inject
  public Folders(FerryConfig config, FolderComponent.Factory factory, RunHistory history, PausedFolders paused,
      FerryLocations locations) {
    this.factory = factory;
    this.history = history;
    this.paused = paused;
    this.ownDirs = ownDirs(locations);
    for (FolderConfig f : config.folders()) add(f);
  }

  private static List<Path> ownDirs(FerryLocations loc) {
    List<Path> out = new java.util.ArrayList<>();
    for (Path p : new Path[] {loc.configDir(), loc.secretsDir(), loc.stateDir(), loc.logsDir(),
        loc.socketPath() == null ? null : loc.socketPath().getParent()}) {
      if (p == null) continue;
      Path abs = p.toAbsolutePath().normalize();
      if (!out.contains(abs)) out.add(abs);
    }
    return List.copyOf(out);
  }

  /**
   * The folder with Ferry's own directories inside it ignored (a dotfiles folder of ~/.config
   * holds ~/.config/ferry): synced, they would carry this device's secrets and config to every
   * other device and write theirs over this one's. Ignored, they stay each device's own.
   */
  private FolderConfig withoutOwnDirs(FolderConfig f) {
    List<String> extra = new java.util.ArrayList<>();
    List<Path> covered = new java.util.ArrayList<>();
    Path root = f.path().toAbsolutePath().normalize();
    for (Path own : ownDirs) {
      for (Path candidate : realAndAsGiven(own)) {
        if (!candidate.startsWith(root) || candidate.equals(root)) continue;
        if (covered.stream().anyMatch(candidate::startsWith)) continue; // the home's rule covers its secrets/ and logs/
        covered.add(candidate);
        String rel = root.relativize(candidate).toString().replace(java.io.File.separatorChar, '/');
        if (rel.matches(".*[\\\\*?\\[\\]!#].*")) {
          log.warn("folder {}: Ferry's own {} is inside it; add an ignore rule for it", f.id(), candidate);
          continue; // a name a gitignore pattern cannot say literally
        }
        String rule = "/" + rel + "/";
        if (!extra.contains(rule) && !f.ignore().contains(rule)) extra.add(rule);
      }
    }
    if (extra.isEmpty()) return f;
    log.info("folder {}: Ferry's own {} inside it, not synced", f.id(), extra);
    List<String> ignore = new java.util.ArrayList<>(f.ignore());
    ignore.addAll(extra);
    return new FolderConfig(f.id(), f.path(), f.conflictStrategy(), List.copyOf(ignore));
  }

  private static List<Path> realAndAsGiven(Path p) {
    try {
      Path real = p.toRealPath();
      return real.equals(p) ? List.of(p) : List.of(p, real);
    } catch (IOException e) {
      return List.of(p);
    }
  }

  /**
   * Sets up a folder (at start, or added while the daemon runs). Returns its triggers, not
   * started; empty when it could not be set up (the error is kept for status).
   */
  public synchronized Optional<FolderTriggers> add(FolderConfig f) {
    if (configs.containsKey(f.id())) throw new IllegalStateException("folder " + f.id() + " is set up already");
    configs.put(f.id(), f);
    FolderConfig real = withoutOwnDirs(onRealRoot(f));
    roots.put(f.id(), real.path());
    try {
      FolderComponent c = factory.create(real);
      FolderRunner r = c.runner();
      history.last(f.id()).ifPresent(r::restoreLast);
      runners.put(f.id(), r);
      triggers.put(f.id(), c.triggers());
      components.put(f.id(), c);
      return Optional.ofNullable(c.triggers());
    } catch (Exception e) {
      String msg = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : String.valueOf(e.getMessage());
      setupErrors.put(f.id(), msg);
      log.error("folder {} cannot be synced: {}", f.id(), msg);
      return Optional.empty();
    }
  }

  /**
   * Stops syncing a folder removed from the config: no new run starts, its triggers stop, and
   * this returns once a run in progress has ended (its index and cursor are whole).
   */
  public void remove(String id) {
    FolderRunner r;
    FolderTriggers t;
    FolderComponent c;
    synchronized (this) {
      configs.remove(id);
      roots.remove(id);
      setupErrors.remove(id);
      c = components.remove(id);
      r = runners.remove(id);
      t = triggers.remove(id);
    }
    if (t != null) t.close();
    if (r != null) r.close();
    closeStores(id, c);
    paused.forget(id);
  }

  /**
   * Closes the folder's connections to state.db once its runner has stopped. Left open, each
   * folder removed while the daemon runs kept two, and their locks held the file after the
   * daemon stopped when it stops inside a longer-lived process (quickstart, the tests).
   */
  private static void closeStores(String id, FolderComponent c) {
    if (c == null) return;
    try {
      if (c.index() != null) c.index().close();
      if (c.queue() != null) c.queue().outbox().close();
    } catch (java.sql.SQLException e) {
      log.warn("folder {}: closing its state database connections: {}", id, e.getMessage());
    }
  }

  public synchronized Map<String, FolderConfig> configs() { return copy(configs); }

  public synchronized Optional<FolderRunner> runner(String id) { return Optional.ofNullable(runners.get(id)); }

  public synchronized Map<String, FolderRunner> runners() { return copy(runners); }

  /** The watch, periodic and real-time triggers of each folder that could be set up (started by {@code Triggers}). */
  public synchronized Map<String, FolderTriggers> triggers() { return copy(triggers); }

  /** The folder's graph (its hub history, its index), when it could be set up. */
  public synchronized Optional<FolderComponent> component(String id) { return Optional.ofNullable(components.get(id)); }

  public synchronized Optional<String> setupError(String id) { return Optional.ofNullable(setupErrors.get(id)); }

  /**
   * Whether the folder's root is a symlink that now leads somewhere other than where the
   * folder was set up (its target was missing then, or the link was pointed elsewhere): a
   * config reload sets such a folder up again.
   */
  public synchronized boolean rootMoved(String id) {
    FolderConfig f = configs.get(id);
    return f != null && !onRealRoot(f).path().equals(roots.get(id));
  }

  /**
   * The folder as its graph sees it: a root that is a symlink (a dotfile manager's link into
   * its repository, say) replaced by the directory it leads to, because the scanner, watcher
   * and writer never follow a link inside a folder and would take the root for a file. A link
   * whose target is missing stays: runs refuse it as a missing root, as for an unmounted disk.
   */
  private static FolderConfig onRealRoot(FolderConfig f) {
    if (!Files.isSymbolicLink(f.path())) return f;
    try {
      Path real = f.path().toRealPath();
      if (!Files.isDirectory(real)) return f;
      log.info("folder {}: its root {} is a symlink; syncing the directory it leads to, {}", f.id(), f.path(), real);
      return new FolderConfig(f.id(), real, f.conflictStrategy(), f.ignore());
    } catch (IOException e) {
      return f;
    }
  }

  private static <V> Map<String, V> copy(Map<String, V> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  @Override
  public void close() {
    runners().values().forEach(FolderRunner::close);
    Map<String, FolderComponent> all;
    synchronized (this) {
      all = copy(components);
    }
    all.forEach(Folders::closeStores);
  }
}
