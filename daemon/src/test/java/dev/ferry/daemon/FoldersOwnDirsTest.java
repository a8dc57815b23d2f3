package dev.ferry.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.config.FerryConfig;
import dev.ferry.config.FerryLocations;
import dev.ferry.config.FolderConfig;
import dev.ferry.daemon.control.PausedFolders;
import dev.ferry.daemon.engine.RunHistory;
import dev.ferry.daemon.local.StateDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldersOwnDirsTest {
  @TempDir Path dir;

  @Test
  void ferrysOwnHomeInsideAFolderIsIgnoredThereAndNowhereElse() throws Exception {
    Path config = Files.createDirectories(dir.resolve(".config"));
    Path home = Files.createDirectories(config.resolve("ferry"));
    FerryLocations loc = FerryLocations.fromEnvironment(home);
    StateDb db = StateDb.open(dir.resolve("state.db"));
    FolderConfig dotfiles = new FolderConfig("cfg", config, null, List.of("*.bak"));
    FolderConfig docs = new FolderConfig("docs", Files.createDirectories(dir.resolve("docs")), null, List.of());
    FerryConfig d = FerryConfig.defaults();
    FerryConfig cfg = new FerryConfig("http://hub", "laptop", d.sync(), d.triggers(), d.performance(), d.retry(), d.offline(),
        d.ui(), List.of(dotfiles, docs), null);
    List<FolderConfig> setUp = new ArrayList<>();
    try (Folders folders = new Folders(cfg, f -> {
      setUp.add(f);
      throw new IllegalStateException("only the folder config is looked at here");
    }, new RunHistory(db), new PausedFolders(db), loc)) {
      assertEquals(List.of("*.bak", "/ferry/"), setUp.get(0).ignore(), "its secrets and state never travel");
      assertEquals(List.of(), setUp.get(1).ignore());
    }
  }
}
