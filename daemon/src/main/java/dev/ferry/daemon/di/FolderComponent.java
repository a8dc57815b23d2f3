package dev.ferry.daemon.di;

import dagger.BindsInstance;
import dagger.Subcomponent;
import dev.ferry.config.FolderConfig;
import dev.ferry.daemon.engine.FolderHistory;
import dev.ferry.daemon.engine.FolderRunner;
import dev.ferry.daemon.local.FolderIndex;

/** The per-folder graph: its keys, index view, engine and runner. */
@FolderScope
@Subcomponent(modules = FolderModule.class)
public interface FolderComponent {
  FolderRunner runner();

  /** Its watch, periodic and real-time triggers (not started). */
  dev.ferry.daemon.trigger.FolderTriggers triggers();

  /** The folder's revisions on the hub, for versions, restore and conflict diffs. */
  FolderHistory history();

  FolderIndex index();

  /** Its offline queue (the outbox in state.db). */
  dev.ferry.daemon.queue.FolderQueue queue();

  @Subcomponent.Factory
  interface Factory {
    FolderComponent create(@BindsInstance FolderConfig folder);
  }
}
