package dev.ferry.daemon;

import dev.ferry.config.FerryConfig;
import dev.ferry.daemon.di.FolderComponent;
import dev.ferry.daemon.engine.RunHistory;

/** Builds {@link Folders} from outside its package, with runners from the test's own factory. */
public final class TestFolders {
  private TestFolders() {}

  public static Folders create(FerryConfig config, FolderComponent.Factory factory, RunHistory history) {
    return new Folders(config, factory, history);
  }
}
