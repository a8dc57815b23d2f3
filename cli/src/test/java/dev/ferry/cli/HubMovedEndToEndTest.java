package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.ferry.cli.testing.GarblingProxy;
import dev.ferry.cli.testing.TestDevice;
import dev.ferry.cli.testing.Trees;
import dev.ferry.protocol.Json;
import dev.ferry.server.testing.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A hub that moved: the user edits {@code server} in config.toml, and after a restart the daemon
 * and the verbs that talk to the hub themselves use the new address with the same token.
 */
class HubMovedEndToEndTest {
  @Test
  void anEditedServerKeyIsTheHubARestartedDaemonAndFolderAddUse() throws Exception {
    Path base = Files.createTempDirectory(Path.of("/tmp"), "ferry-moved");
    try (TestHub hub = TestHub.start(); GarblingProxy moved = new GarblingProxy(hub.url());
        TestDevice a = TestDevice.create(base, "a").manualOnly()) {
      String url = hub.url().toString();
      a.init(url, "erin", hub.invite());
      a.addFolder("docs");
      a.startDaemon();
      Files.writeString(a.folder().resolve("before.txt"), "before the move\n");
      a.sync().expect(0);

      AtomicBoolean reached = new AtomicBoolean();
      moved.onceBefore(p -> p.contains("/changes"), () -> reached.set(true));
      Path config = a.locations().configFile();
      String text = Files.readString(config);
      assertTrue(text.contains("server = \"" + url + "\""), text);
      Files.writeString(config, text.replace("server = \"" + url + "\"", "server = \"" + moved.url() + "\""));
      var reload = a.ferry("config reload", "--json").expect(0);
      assertTrue(reload.out().contains("server"), "the reload says a restart applies it: " + reload.out());
      a.stopDaemon();
      a.startDaemon();

      Files.writeString(a.folder().resolve("after.txt"), "after the move\n");
      a.sync().expect(0);
      assertTrue(reached.get(), "the restarted daemon synced through the hub config.toml names");
      Map<?, ?> status = Json.read(Map.class, a.ferry("status", "--json").expect(0).out());
      assertEquals(moved.url().toString(), status.get("server"));

      Path photos = Files.createDirectories(base.resolve("a-photos"));
      AtomicBoolean keyAsked = new AtomicBoolean();
      moved.onceBefore(p -> p.contains("/folders/photos/key"), () -> keyAsked.set(true));
      a.ferry("folder add", "photos", photos.toString()).expect(0);
      assertTrue(keyAsked.get(), "folder add asked the moved hub for the folder key");
    } finally {
      Trees.deleteRecursively(base);
    }
  }
}
