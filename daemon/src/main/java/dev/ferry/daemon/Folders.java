package dev.ferry.daemon;

import dev.ferry.config.FerryConfig;
import dev.ferry.config.FolderConfig;
import dev.ferry.daemon.di.FolderComponent;
import dev.ferry.daemon.engine.FolderRunner;
import dev.ferry.daemon.engine.RunHistory;
import dev.ferry.daemon.trigger.FolderTriggers;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured folders and their runners. A folder that cannot be set up (its key is not
 * on this device and the hub is unreachable, say) is kept with its error, shown by status, and
 * does not stop the others.
 */
@Singleton
public final class Folders implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Folders.class);

  private final Map<String, FolderConfig> configs = new LinkedHashMap<>();
  private final Map<String, FolderRunner> runners = new LinkedHashMap<>();
  private final Map<String, String> setupErrors = new LinkedHashMap<>();
  private final Map<String, FolderTriggers> triggers = new LinkedHashMap<>();

  @Inject
  Folders(FerryConfig config, FolderComponent.Factory factory, RunHistory history) {
    for (FolderConfig f : config.folders()) {
      configs.put(f.id(), f);
      try {
        FolderComponent c = factory.create(f);
        FolderRunner r = c.runner();
        history.last(f.id()).ifPresent(r::restoreLast);
        runners.put(f.id(), r);
        triggers.put(f.id(), c.triggers());
      } catch (Exception e) {
        String msg = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : String.valueOf(e.getMessage());
        setupErrors.put(f.id(), msg);
        log.error("folder {} cannot be synced: {}", f.id(), msg);
      }
    }
  }

  public Map<String, FolderConfig> configs() { return Collections.unmodifiableMap(configs); }

  public Optional<FolderRunner> runner(String id) { return Optional.ofNullable(runners.get(id)); }

  public Map<String, FolderRunner> runners() { return Collections.unmodifiableMap(runners); }

  /** The watch, periodic and real-time triggers of each folder that could be set up (started by {@code Triggers}). */
  public Map<String, FolderTriggers> triggers() { return Collections.unmodifiableMap(triggers); }

  public Optional<String> setupError(String id) { return Optional.ofNullable(setupErrors.get(id)); }

  @Override
  public void close() {
    runners.values().forEach(FolderRunner::close);
  }
}
