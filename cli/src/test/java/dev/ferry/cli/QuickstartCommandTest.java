package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.testing.TestDevice;
import dev.ferry.cli.testing.Trees;
import dev.ferry.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ferry quickstart}: a real hub and daemon in the foreground, from one command. */
class QuickstartCommandTest {
  @Test
  void aFileForTheFolderIsRefusedBeforeAnythingIsSetUp() throws Exception {
    Path base = Files.createTempDirectory(Path.of("/tmp"), "ferry-qs");
    try {
      TestDevice q = TestDevice.create(base, "q");
      Path file = Files.writeString(base.resolve("a.txt"), "a file, not a folder");
      TestDevice.Result r = q.ferry("quickstart", file.toString(), "--port", "0", "--json");
      assertEquals(ExitCodes.FAILED, r.code(), r.err());
      assertEquals("ferry: not a directory: " + file + "\n", r.err());
      assertEquals("not a directory: " + file, Json.read(Map.class, r.out()).get("error"));
      assertFalse(Files.exists(q.home().resolve("hub")), "no hub started");
      assertFalse(Files.exists(q.locations().secretsDir().resolve("device.json")), "no account made");
    } finally {
      Trees.deleteRecursively(base);
    }
  }

  @Test
  void withJsonItPrintsOneDocumentOfWhatWasSetUpAndKeepsRunning() throws Exception {
    Path base = Files.createTempDirectory(Path.of("/tmp"), "ferry-qs");
    try (TestDevice q = TestDevice.create(base, "q")) {
      q.startForeground("quickstart", q.folder().toString(), "--port", "0", "--user", "quinn", "--json");
      assertNotEquals(ExitCodes.NO_DAEMON, q.ferry("status").code(), "quickstart runs on after its document");
      q.stopDaemon();
      TestDevice.Result first = q.foregroundResult();
      assertEquals(ExitCodes.OK, first.code(), first.err());
      Map<?, ?> doc = Json.read(Map.class, first.out()); // the whole of stdout is one document
      String server = doc.get("server").toString();
      assertTrue(server.matches("http://127\\.0\\.0\\.1:\\d+"), first.out());
      assertEquals("quinn", doc.get("user"));
      assertEquals("q-docs", doc.get("folder"), "the folder's id, from its name");
      assertEquals(q.folder().toString(), doc.get("path"));
      assertEquals(AccountCommand.hostName(), doc.get("deviceName"), "no device_name in config: the host name");
      assertFalse(doc.get("deviceId").toString().isEmpty(), first.out());
      assertTrue(doc.get("password").toString().matches("[a-z2-9]{5}(-[a-z2-9]{5}){3}"), "the new account's password, shown once");
      List<?> join = (List<?>) doc.get("join");
      assertTrue(join.stream().anyMatch(l -> l.toString().endsWith(" login --server " + server + " --user quinn")), first.out());

      // Again: the same hub, account and folder, and no password (the human form shows none either).
      q.startForeground("quickstart", q.folder().toString(), "--json");
      q.stopDaemon();
      TestDevice.Result again = q.foregroundResult();
      assertEquals(ExitCodes.OK, again.code(), again.err());
      Map<?, ?> second = Json.read(Map.class, again.out());
      assertEquals(server, second.get("server"));
      assertEquals(doc.get("deviceId"), second.get("deviceId"));
      assertFalse(second.containsKey("password"), again.out());
    } finally {
      Trees.deleteRecursively(base);
    }
  }
}
