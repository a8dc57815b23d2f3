package dev.ferry.server;

import static org.junit.jupiter.api.Assertions.*;

import dev.ferry.server.testing.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One hub per SQLite data directory; the lock goes with the hub. */
class DataDirLockTest {
  @TempDir Path dir;

  @Test
  void aSecondHubOnTheSameDataDirectoryRefusesAndOneMayStartOnceTheFirstStopped() throws Exception {
    Path data = Files.createDirectories(dir.resolve("hub"));
    try (TestHub first = TestHub.startOn(data, o -> o)) {
      DataDirLock.HeldException e = assertThrows(DataDirLock.HeldException.class, () -> Hub.start(HubOptions.defaults(data).withPort(0)));
      assertTrue(e.getMessage().contains("another hub is serving " + data) && e.getMessage().contains("(pid " + ProcessHandle.current().pid() + ")"),
          e.getMessage());
      assertEquals(String.valueOf(ProcessHandle.current().pid()), DataDirLock.holder(data).orElseThrow());
      assertFalse(Hub.createInvite(data).isEmpty(), "an invite is still made while the hub runs");
      assertEquals(200, first.http().get("/healthz").send().status(), "the first hub serves on");
    }
    assertTrue(DataDirLock.holder(data).isEmpty(), "released when the hub stopped");
    try (Hub again = Hub.start(HubOptions.defaults(data).withPort(0))) {
      assertTrue(again.port() > 0);
    }
  }

  @Test
  void aDataDirectoryThatIsAFileIsSaidSo() throws Exception {
    Path file = Files.writeString(dir.resolve("afile"), "x");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Hub.start(HubOptions.defaults(file).withPort(0)));
    assertTrue(e.getMessage().contains("is a file, not a directory"), e.getMessage());
  }
}
