package dev.ferry.daemon.di;

import dagger.BindsInstance;
import dagger.Subcomponent;
import dev.ferry.config.FolderConfig;
import dev.ferry.daemon.engine.FolderRunner;

/** The per-folder graph: its keys, index view, engine and runner. */
@FolderScope
@Subcomponent(modules = FolderModule.class)
public interface FolderComponent {
  FolderRunner runner();

  /** Its watch, periodic and real-time triggers (not started). */
  dev.ferry.daemon.trigger.FolderTriggers triggers();

  @Subcomponent.Factory
  interface Factory {
    FolderComponent create(@BindsInstance FolderConfig folder);
  }
}
