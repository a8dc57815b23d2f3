package dev.ferry.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigEditorTest {
  @TempDir Path dir;

  static final String COMMENTED = """
      # Ferry on my laptop
      server = "https://old.example.net"   # the hub at home
      device_name = "laptop"

      # how conflicts go
      [sync]
      conflict_strategy = "merge"

      [[folder]]
      # the notes
      id = "notes"
      path = "/srv/notes"

      [[folder]]
      id = "work"    # from the office
      path = "/srv/work"
      ignore = [
        "*.tmp",   # editors
        ".cache/",
      ]

      # dotfiles come last
      [[folder]]
      id = "dots"
      path = "/srv/dots"
      """;

  Path file() throws Exception {
    Path f = dir.resolve("config.toml");
    Files.writeString(f, COMMENTED);
    return f;
  }

  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void setTopLevelCreatesTheFileAndPrivateDirectories() throws Exception {
    Path f = dir.resolve("a/b/config.toml");
    ConfigEditor.setTopLevel(f, "server", "https://hub.example.net");
    assertEquals("server = \"https://hub.example.net\"\n", Files.readString(f));
    assertEquals("rw-------", mode(f));
    assertEquals("rwx------", mode(dir.resolve("a/b")));
    assertEquals("rwx------", mode(dir.resolve("a")));
    assertEquals("https://hub.example.net", ConfigLoader.load(f).server());
  }

  @Test
  void setTopLevelReplacesOnlyTheValue() throws Exception {
    Path f = file();
    ConfigEditor.setTopLevel(f, "server", "https://new.example.net");
    assertEquals(COMMENTED.replace("https://old.example.net", "https://new.example.net"), Files.readString(f));
    assertEquals("rw-------", mode(f));
  }

  @Test
  void setTopLevelAddsAfterTheLastTopLevelKey() throws Exception {
    Path f = dir.resolve("config.toml");
    Files.writeString(f, "server = \"https://a.example\"\n\n[ui]\nport = 1\n");
    ConfigEditor.setTopLevel(f, "device_name", "desk \"2\"");
    assertEquals("server = \"https://a.example\"\ndevice_name = \"desk \\\"2\\\"\"\n\n[ui]\nport = 1\n", Files.readString(f));
    assertEquals("desk \"2\"", ConfigLoader.load(f).deviceName());
  }

  @Test
  void setTopLevelInsertsAboveTheFirstTableAndItsComment() throws Exception {
    Path f = dir.resolve("config.toml");
    Files.writeString(f, "# settings\n\n# the dashboard\n[ui]\nport = 1\n");
    ConfigEditor.setTopLevel(f, "server", "https://a.example");
    assertEquals("# settings\n\nserver = \"https://a.example\"\n\n# the dashboard\n[ui]\nport = 1\n", Files.readString(f));
  }

  @Test
  void anEditThatWouldNotLoadLeavesTheFileUntouched() throws Exception {
    Path f = file();
    var e = assertThrows(ConfigException.class, () -> ConfigEditor.setTopLevel(f, "server", "ftp://nope"));
    assertEquals("server", e.problems().get(0).key());
    assertEquals(COMMENTED, Files.readString(f));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(f), files.toList(), "no temp file left behind");
    }
  }

  @Test
  void addFolderAppendsABlockAndKeepsEverythingElse() throws Exception {
    Path f = file();
    ConfigEditor.addFolder(f, "music", "/srv/music", ConflictStrategy.KEEP_BOTH);
    assertEquals(COMMENTED + "\n[[folder]]\nid = \"music\"\npath = \"/srv/music\"\nconflict_strategy = \"keep-both\"\n",
        Files.readString(f));
    FolderConfig music = ConfigLoader.load(f).folder("music").orElseThrow();
    assertEquals(Path.of("/srv/music"), music.path());
    assertEquals(ConflictStrategy.KEEP_BOTH, music.conflictStrategy());
    assertEquals("rw-------", mode(f));
  }

  @Test
  void addFolderToAMissingFile() throws Exception {
    Path f = dir.resolve("config.toml");
    ConfigEditor.addFolder(f, "notes", "~/Notes", null);
    assertEquals("[[folder]]\nid = \"notes\"\npath = \"~/Notes\"\n", Files.readString(f));
    assertEquals(Path.of(System.getProperty("user.home"), "Notes"), ConfigLoader.load(f).folders().get(0).path());
  }

  @Test
  void addFolderRefusesDuplicatesAndOverlaps() throws Exception {
    Path f = file();
    var dup = assertThrows(ConfigException.class, () -> ConfigEditor.addFolder(f, "work", "/srv/other", null));
    assertEquals("folder[1].id", dup.problems().get(0).key());
    assertEquals(14, dup.problems().get(0).line());
    assertTrue(dup.getMessage().contains("folder id \"work\" is already configured"), dup.getMessage());

    var same = assertThrows(ConfigException.class, () -> ConfigEditor.addFolder(f, "notes2", "/srv/notes/", null));
    assertTrue(same.getMessage().contains("folder \"notes2\" (/srv/notes) is the same directory as folder \"notes\" (/srv/notes)"), same.getMessage());
    var inside = assertThrows(ConfigException.class, () -> ConfigEditor.addFolder(f, "sub", "/srv/work/sub", null));
    assertTrue(inside.getMessage().contains("folder \"sub\" (/srv/work/sub) is inside folder \"work\""), inside.getMessage());
    var around = assertThrows(ConfigException.class, () -> ConfigEditor.addFolder(f, "all", "/srv", null));
    assertTrue(around.getMessage().contains("folder \"all\" (/srv) contains folder \"notes\""), around.getMessage());
    var relative = assertThrows(ConfigException.class, () -> ConfigEditor.addFolder(f, "rel", "srv/x", null));
    assertTrue(relative.getMessage().contains("relative path"), relative.getMessage());
    var badId = assertThrows(ConfigException.class, () -> ConfigEditor.addFolder(f, "a/b", "/x", null));
    assertTrue(badId.getMessage().contains("folder id \"a/b\" must be"), badId.getMessage());

    assertEquals(COMMENTED, Files.readString(f));
  }

  @Test
  void addFolderComparesRealPathsThroughSymlinks() throws Exception {
    Path x = Files.createDirectories(dir.resolve("x"));
    Path link = Files.createSymbolicLink(dir.resolve("link-to-x"), x);
    Path f = dir.resolve("config.toml");
    ConfigEditor.addFolder(f, "a", x.toString(), null);
    String before = Files.readString(f);
    var same = assertThrows(ConfigException.class, () -> ConfigEditor.addFolder(f, "b", link.toString(), null));
    assertTrue(same.getMessage().contains("folder \"b\" (" + link + ") is the same directory as folder \"a\" (" + x
        + ") once symlinks are followed (both lead to " + x.toRealPath() + ")"), same.getMessage());
    // Not there yet, under the link: judged by where the link leads.
    var inside = assertThrows(ConfigException.class, () -> ConfigEditor.addFolder(f, "c", link.resolve("new/sub").toString(), null));
    assertTrue(inside.getMessage().contains("folder \"c\" (" + link.resolve("new/sub") + ") is inside folder \"a\""), inside.getMessage());
    assertEquals(before, Files.readString(f));
    ConfigEditor.addFolder(f, "d", dir.resolve("y").toString(), null); // apart: fine
  }

  @Test
  void removeFolderRemovesExactlyItsBlock() throws Exception {
    Path f = file();
    ConfigEditor.removeFolder(f, "work");
    String expected = COMMENTED.replace("""
        [[folder]]
        id = "work"    # from the office
        path = "/srv/work"
        ignore = [
          "*.tmp",   # editors
          ".cache/",
        ]

        """, "");
    assertEquals(expected, Files.readString(f));
    assertEquals(List.of("notes", "dots"), ConfigLoader.load(f).folders().stream().map(FolderConfig::id).toList());
  }

  @Test
  void removeFolderFirstAndLast() throws Exception {
    Path f = file();
    ConfigEditor.removeFolder(f, "notes");
    assertTrue(Files.readString(f).contains("conflict_strategy = \"merge\"\n\n[[folder]]\nid = \"work\""), Files.readString(f));
    ConfigEditor.removeFolder(f, "dots");
    String text = Files.readString(f);
    assertTrue(text.endsWith("  \".cache/\",\n]\n\n# dotfiles come last\n"), text);
    assertEquals(List.of("work"), ConfigLoader.load(f).folders().stream().map(FolderConfig::id).toList());
  }

  @Test
  void removeAndAddRoundTrip() throws Exception {
    Path f = dir.resolve("config.toml");
    Files.writeString(f, "server = \"https://a.example\"\n");
    ConfigEditor.addFolder(f, "x", "/srv/x", null);
    ConfigEditor.removeFolder(f, "x");
    assertEquals("server = \"https://a.example\"\n", Files.readString(f));
  }

  @Test
  void removingAnUnknownFolderIsAnError() throws Exception {
    Path f = file();
    var e = assertThrows(ConfigException.class, () -> ConfigEditor.removeFolder(f, "nope"));
    assertTrue(e.getMessage().contains("no folder with id \"nope\""), e.getMessage());
    assertEquals(COMMENTED, Files.readString(f));
  }

  @Test
  void editsKeepWindowsLineEndings() throws Exception {
    Path f = dir.resolve("config.toml");
    Files.writeString(f, "server = \"https://a.example\"\r\n");
    ConfigEditor.addFolder(f, "x", "/srv/x", null);
    assertEquals("server = \"https://a.example\"\r\n\r\n[[folder]]\r\nid = \"x\"\r\npath = \"/srv/x\"\r\n", Files.readString(f));
  }

  @Test
  void aSymlinkedConfigStaysALink() throws Exception {
    Path real = dir.resolve("dotfiles/ferry.toml");
    Files.createDirectories(real.getParent());
    Files.writeString(real, "server = \"https://a.example\"\n");
    Path link = dir.resolve("config.toml");
    Files.createSymbolicLink(link, real);
    ConfigEditor.setTopLevel(link, "device_name", "desk");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("desk", ConfigLoader.load(link).deviceName());
  }

  @Test
  void aBrokenFileIsNotEditedAndItsProblemsAreShown() throws Exception {
    Path f = dir.resolve("config.toml");
    Files.writeString(f, "[ui]\nport = \"x\"\n");
    var e = assertThrows(ConfigException.class, () -> ConfigEditor.addFolder(f, "x", "/srv/x", null));
    assertEquals("ui.port", e.problems().get(0).key());
  }
}
