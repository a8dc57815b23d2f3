package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.testing.TestDevice;
import dev.ferry.cli.testing.Trees;
import dev.ferry.daemon.account.DeviceCredentials;
import dev.ferry.daemon.account.SecretStore;
import dev.ferry.daemon.remote.HubClient;
import dev.ferry.daemon.remote.HubException;
import dev.ferry.daemon.remote.HubHttpClients;
import dev.ferry.server.testing.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A revoked device is told to log in again; `ferry login` then replaces its refused token. A
 * device whose token still works keeps it, and so does one logging in to another account.
 */
class RevokedDeviceEndToEndTest {
  @Test
  void aRevokedDeviceLogsInAgainAndOneStillValidIsRefused() throws Exception {
    Path base = Files.createTempDirectory(Path.of("/tmp"), "ferry-revoked");
    try (TestHub hub = TestHub.start(); TestDevice a = TestDevice.create(base, "a").manualOnly();
        TestDevice b = TestDevice.create(base, "b").manualOnly()) {
      String url = hub.url().toString();
      a.init(url, "dora", hub.invite());
      b.login(url, "dora");
      a.addFolder("docs");
      b.addFolder("docs");
      b.startDaemon();
      DeviceCredentials aCreds = new SecretStore(a.locations().secretsDir()).requireDevice();
      DeviceCredentials old = new SecretStore(b.locations().secretsDir()).requireDevice();

      var stillValid = a.ferry("login", "--server", url, "--user", "dora", "--password-file", a.home().resolve("password.txt").toString());
      assertEquals(ExitCodes.FAILED, stillValid.code(), stillValid.err());
      assertTrue(stillValid.err().contains("already set up"), stillValid.err());

      new HubClient(hub.url(), aCreds.token(), HubHttpClients.create()).revokeDevice(old.deviceId());
      HubException refused = assertThrows(HubException.class,
          () -> new HubClient(hub.url(), old.token(), HubHttpClients.create()).devices());
      assertEquals(401, refused.status());

      Files.writeString(b.folder().resolve("kept.txt"), "written after the revocation");
      var sync = b.sync();
      assertEquals(ExitCodes.AUTH, sync.code(), sync.err());
      var status = b.ferry("status");
      assertEquals(ExitCodes.ATTENTION, status.code(), status.out() + status.err());
      // The hint names the account and hub this device's secrets hold: the login that replaces the token.
      assertTrue(status.out().contains("run 'ferry login --server " + url + " --user dora', then restart the daemon"), status.out());
      String json = b.ferry("status", "--json").out();
      assertTrue(json.replace(" ", "").contains("\"errorCategory\":\"auth\""), json);
      assertTrue(json.replace(" ", "").contains("\"user\":\"dora\""), json);
      b.stopDaemon();

      var otherUser = b.ferry("login", "--server", url, "--user", "erin", "--password-file", b.home().resolve("password.txt").toString());
      assertEquals(ExitCodes.FAILED, otherUser.code(), otherUser.err());
      assertEquals(old, new SecretStore(b.locations().secretsDir()).requireDevice(), "another account does not replace it");

      var again = b.ferry("login", "--server", url, "--user", "dora", "--password-file", b.home().resolve("password.txt").toString());
      assertEquals(0, again.code(), again.err());
      assertTrue(again.out().contains("revoked"), again.out());
      DeviceCredentials fresh = new SecretStore(b.locations().secretsDir()).requireDevice();
      assertNotEquals(old.deviceId(), fresh.deviceId());
      assertNotEquals(old.token(), fresh.token());
      assertTrue(new HubClient(hub.url(), fresh.token(), HubHttpClients.create()).devices().toString().contains(fresh.deviceId()));

      b.startDaemon();
      b.sync().expect(0);
      assertEquals(0, b.ferry("status").code());
      a.startDaemon();
      a.sync().expect(0);
      assertEquals("written after the revocation", Files.readString(a.folder().resolve("kept.txt")), "the change queued while revoked arrives");
    } finally {
      Trees.deleteRecursively(base);
    }
  }
}
