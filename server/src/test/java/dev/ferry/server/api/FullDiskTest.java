package dev.ferry.server.api;

import static org.junit.jupiter.api.Assertions.*;

import dev.ferry.protocol.Json;
import dev.ferry.protocol.Problem;
import dev.ferry.server.testing.Commands;
import dev.ferry.server.testing.TestData;
import dev.ferry.server.testing.TestHub;
import dev.ferry.server.testing.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub whose disk fills: it answers 507 storage_full with a Retry-After, keeps serving reads,
 * and stores again once there is room, without a restart. A real full disk: a small tmpfs
 * (tests run as root here; elsewhere this skips).
 */
class FullDiskTest {
  @TempDir Path dir;

  @Test
  void aFullDiskIs507StorageFullAndTheHubStoresAgainOnceThereIsRoom() throws Exception {
    Path data = Files.createDirectories(dir.resolve("hub"));
    Assumptions.assumeTrue(Commands.run("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", data.toString()) == 0, "needs root to mount a tmpfs");
    try (TestHub hub = TestHub.startOn(data, o -> o)) {
      TestHub.Login login = hub.createAccount("ida");
      String f = "/v1/folders/full";
      Random random = new Random(7);
      TestHttp.Reply refused = null;
      String stored = null;
      for (int i = 0; i < 200 && refused == null; i++) {
        byte[] chunk = new byte[64 * 1024];
        random.nextBytes(chunk);
        TestHttp.Reply r = hub.http().put(f + "/chunks/" + TestData.chunkId(chunk)).token(login.token()).bytes(chunk).send();
        if (r.status() == 200 || r.status() == 201 || r.status() == 204) stored = TestData.chunkId(chunk);
        else refused = r;
      }
      assertNotNull(refused, "the disk never filled");
      assertEquals(507, refused.status(), refused.body());
      Problem p = Json.read(Problem.class, refused.body());
      assertEquals("storage_full", p.code());
      assertTrue(p.detail().contains("disk is full"), p.detail());
      assertEquals("60", refused.header("Retry-After"));
      assertEquals(200, hub.http().get(f + "/chunks/" + stored).token(login.token()).send().status(), "reads go on");

      assertEquals(0, Commands.run("mount", "-o", "remount,size=64m", data.toString()));
      byte[] after = "room again".getBytes();
      int status = hub.http().put(f + "/chunks/" + TestData.chunkId(after)).token(login.token()).bytes(after).send().status();
      assertTrue(status >= 200 && status < 300, "stored with room again, no restart: " + status);
      assertEquals(200, hub.http().put(f + "/entries/" + TestData.entryId()).token(login.token()).header("If-None-Match", "*")
          .json(TestData.inline("an entry too")).send().status());
    } finally {
      Commands.run("umount", data.toString());
    }
  }

}
