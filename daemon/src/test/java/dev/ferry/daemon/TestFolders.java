package dev.ferry.daemon;

import dev.ferry.daemon.di.FolderComponent;

/** Folder graphs for tests that build {@link Folders} with runners of their own. */
public final class TestFolders {
  private TestFolders() {}

  /** A folder graph that has only a runner (its hub history, index and queue are not part of the test: no index or queue to close). */
  public static FolderComponent runnerOnly(java.util.function.Supplier<dev.ferry.daemon.engine.FolderRunner> runner) {
    return new FolderComponent() {
      @Override public dev.ferry.daemon.engine.FolderRunner runner() { return runner.get(); }

      @Override public dev.ferry.daemon.engine.FolderHistory history() {
        throw new UnsupportedOperationException("no hub history in this test");
      }

      @Override public dev.ferry.daemon.local.FolderIndex index() { return null; }

      @Override public dev.ferry.daemon.queue.FolderQueue queue() { return null; }

      @Override public dev.ferry.daemon.trigger.FolderTriggers triggers() { return null; }
    };
  }
}
