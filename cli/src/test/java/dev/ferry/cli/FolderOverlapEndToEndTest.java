package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.testing.TestDevice;
import dev.ferry.cli.testing.Trees;
import dev.ferry.daemon.account.SecretStore;
import dev.ferry.daemon.remote.HubClient;
import dev.ferry.daemon.remote.HubHttpClients;
import dev.ferry.server.testing.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Folders never overlap, symlinks included: {@code folder add} refuses a path that leads into,
 * onto or around another folder, naming both, before the hub or the disk is touched; a
 * hand-edited config.toml doing the same is refused by {@code config check} and the daemon.
 */
class FolderOverlapEndToEndTest {
  Path base;
  TestHub hub;
  TestDevice a;
  Path x;
  Path link;

  @BeforeEach
  void start() throws Exception {
    base = Files.createTempDirectory(Path.of("/tmp"), "ferry-overlap");
    hub = TestHub.start();
    a = TestDevice.create(base, "a").manualOnly();
    a.init(hub.url().toString(), "ines", hub.invite());
    x = Files.createDirectories(base.resolve("x"));
    link = Files.createSymbolicLink(base.resolve("link-to-x"), x);
    a.ferry("folder add", "a", x.toString()).expect(0);
  }

  @AfterEach
  void stop() throws Exception {
    if (a != null) a.close();
    if (hub != null) hub.close();
    Trees.deleteRecursively(base);
  }

  private boolean hubHasKey(String folder) throws Exception {
    String token = new SecretStore(a.locations().secretsDir()).requireDevice().token();
    return new HubClient(hub.url(), token, HubHttpClients.create()).folderKey(folder).isPresent();
  }

  @Test
  void folderAddRefusesAPathThatLeadsOntoOrIntoAnotherFolderAndTouchesNothing() throws Exception {
    String config = Files.readString(a.locations().configFile());
    var same = a.ferry("folder add", "b", link.toString());
    assertEquals(ExitCodes.FAILED, same.code(), same.err());
    assertEquals("ferry: folder \"b\" (" + link + ") is the same directory as folder \"a\" (" + x
        + ") once symlinks are followed (both lead to " + x.toRealPath() + "); synced folders must not overlap\n", same.err());
    assertFalse(same.err().contains("config.toml"), "the refusal is about the folders, not a line of the file: " + same.err());

    Path under = link.resolve("deeper/sub");
    var inside = a.ferry("folder add", "c", under.toString());
    assertEquals(ExitCodes.FAILED, inside.code(), inside.err());
    assertTrue(inside.err().contains("folder \"c\" (" + under + ") is inside folder \"a\" (" + x + ")"), inside.err());
    assertFalse(Files.exists(x.resolve("deeper")), "no directory made");

    var around = a.ferry("folder add", "d", base.toString());
    assertEquals(ExitCodes.FAILED, around.code(), around.err());
    assertTrue(around.err().contains("folder \"d\" (" + base + ") contains folder \"a\" (" + x + ")"), around.err());

    assertEquals(config, Files.readString(a.locations().configFile()));
    for (String id : new String[] {"b", "c", "d"}) {
      assertFalse(hubHasKey(id), "no key offered to the hub for " + id);
      assertFalse(Files.exists(a.locations().secretsDir().resolve("folders/" + id + ".key")), id);
    }
  }

  @Test
  void aHandEditedConfigWithTwoFoldersOverOneDirectoryIsRefused() throws Exception {
    Path file = a.locations().configFile();
    Files.writeString(file, Files.readString(file) + "\n[[folder]]\nid = \"b\"\npath = \"" + link + "\"\n");
    var check = a.ferry("config check");
    assertEquals(ExitCodes.FAILED, check.code(), check.out() + check.err());
    assertTrue((check.out() + check.err()).contains("folder[1].path: folder \"b\" (\"" + link
        + "\") is the same directory as folder \"a\" (" + x), check.out() + check.err());
    var daemon = a.ferry("daemon");
    assertEquals(ExitCodes.FAILED, daemon.code(), daemon.err());
    assertTrue(daemon.err().contains("once symlinks are followed"), daemon.err());
  }
}
