package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.testing.TestDevice;
import dev.ferry.cli.testing.Trees;
import dev.ferry.daemon.account.DeviceCredentials;
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
 * A missing or corrupt file in {@code secrets/} is named with its path in the daemon's log and
 * in {@code ferry status} (exit 4, or 3 when no daemon can start), and {@code ferry login} with
 * the password writes it again instead of saying the device is set up already.
 */
class BrokenSecretsEndToEndTest {
  Path base;
  TestHub hub;
  TestDevice a;
  String url;

  @BeforeEach
  void start() throws Exception {
    base = Files.createTempDirectory(Path.of("/tmp"), "ferry-secrets");
    hub = TestHub.start();
    url = hub.url().toString();
    a = TestDevice.create(base, "a").manualOnly();
    a.init(url, "hana", hub.invite());
  }

  @AfterEach
  void stop() throws Exception {
    if (a != null) a.close();
    if (hub != null) hub.close();
    Trees.deleteRecursively(base);
  }

  private SecretStore secrets() {
    return new SecretStore(a.locations().secretsDir());
  }

  private TestDevice.Result login(String password) throws Exception {
    Path pw = Files.writeString(base.resolve("pw-" + System.nanoTime()), password + "\n");
    return a.ferry("login", "--server", url, "--user", "hana", "--password-file", pw.toString());
  }

  private int devicesOnTheHub() throws Exception {
    return new HubClient(hub.url(), secrets().requireDevice().token(), HubHttpClients.create()).devices().devices().size();
  }

  @Test
  void aCorruptAccountKeyIsNamedAndLoginWritesItAgainKeepingTheDevice() throws Exception {
    a.addFolder("docs");
    Path kek = a.locations().secretsDir().resolve("account.kek");
    byte[] good = Files.readAllBytes(kek);
    DeviceCredentials device = secrets().requireDevice();
    // Valid base64, but 3 bytes: it used to fail as "the hub's key for folder docs is not valid base64".
    Files.writeString(kek, "QUJD\n");
    Files.delete(a.locations().secretsDir().resolve("folders/docs.key"));

    a.startDaemon();
    var status = a.ferry("status");
    assertEquals(ExitCodes.ATTENTION, status.code(), status.out() + status.err());
    assertTrue(status.out().contains("problem: the account key " + kek + " cannot be used (3 bytes, not 32); run 'ferry login --server "
        + url + " --user hana'"), status.out());
    assertTrue(status.out().contains("error: the account key " + kek), "the folder it keeps from syncing says why: " + status.out());
    assertFalse(status.out().contains("base64"), status.out());
    String json = a.ferry("status", "--json").out().replaceAll("\\s+", "");
    assertTrue(json.contains("\"problems\":[\"theaccountkey" + kek), json);
    assertTrue(json.contains("\"needsAttention\":true"), json);
    String log = Files.readString(a.locations().logsDir().resolve("daemon.log"));
    assertTrue(log.contains("folder docs cannot be synced: the account key " + kek + " cannot be used"), log);

    var added = a.ferry("folder add", "notes", base.resolve("notes").toString());
    assertEquals(ExitCodes.AUTH, added.code(), added.err());
    assertTrue(added.err().contains("the account key " + kek + " cannot be used"), added.err());

    var wrong = login("not the password at all");
    assertEquals(ExitCodes.AUTH, wrong.code(), wrong.err());
    assertTrue(wrong.err().contains("wrong password"), wrong.err());
    assertEquals("QUJD\n", Files.readString(kek), "a wrong password writes no key");

    var again = login(TestDevice.PASSWORD);
    assertEquals(0, again.code(), again.out() + again.err());
    assertFalse(again.err().contains("already set up"), again.err());
    assertTrue(again.out().contains("Wrote the account key " + kek + " again"), again.out());
    assertArrayEquals(good, Files.readAllBytes(kek), "the key derived from the password");
    assertEquals(device, secrets().requireDevice(), "the device keeps its id and token");
    assertEquals(1, devicesOnTheHub());

    // The running daemon was told: the folder it could not open is set up again.
    a.ferry("status").expect(0);
    Files.writeString(a.folder().resolve("after.txt"), "synced once the key is back");
    a.sync().expect(0);
  }

  @Test
  void aMissingAccountKeyOnADeviceWithoutFoldersIsCheckedByTheHubAndLeavesNoDeviceBehind() throws Exception {
    Path kek = a.locations().secretsDir().resolve("account.kek");
    byte[] good = Files.readAllBytes(kek);
    Files.delete(kek);
    a.startDaemon();
    var status = a.ferry("status");
    assertEquals(ExitCodes.ATTENTION, status.code(), status.out() + status.err());
    assertTrue(status.out().contains("problem: the account key " + kek + " is missing"), status.out());
    assertTrue(Files.readString(a.locations().logsDir().resolve("daemon.log")).contains("the account key " + kek + " is missing"));

    var wrong = login("not the password at all");
    assertEquals(ExitCodes.AUTH, wrong.code(), wrong.err());
    assertFalse(Files.exists(kek), "a wrong password writes no key");

    login(TestDevice.PASSWORD).expect(0);
    assertArrayEquals(good, Files.readAllBytes(kek));
    assertEquals(1, devicesOnTheHub(), "the session that checked the password is revoked");
    a.ferry("status").expect(0);
  }

  @Test
  void aCorruptFolderKeyIsFetchedFromTheHubAgain() throws Exception {
    a.addFolder("docs");
    Path key = a.locations().secretsDir().resolve("folders/docs.key");
    byte[] good = Files.readAllBytes(key);
    Files.writeString(key, "not a key\n");
    a.startDaemon();
    a.ferry("status").expect(0);
    Files.writeString(a.folder().resolve("x.txt"), "x");
    a.sync().expect(0);
    assertArrayEquals(good, Files.readAllBytes(key), "rewritten from the key the hub keeps wrapped");
    assertTrue(Files.readString(a.locations().logsDir().resolve("daemon.log")).contains("the key file " + key + " of folder docs cannot be used"));
  }

  @Test
  void corruptDeviceCredentialsStopTheDaemonWithTheirPathAndLoginRegistersTheDeviceAgain() throws Exception {
    a.addFolder("docs");
    Files.writeString(a.folder().resolve("kept.txt"), "from before");
    DeviceCredentials old = secrets().requireDevice();
    Path deviceFile = a.locations().secretsDir().resolve("device.json");
    Files.writeString(deviceFile, "{\"server\": \"" + url + "\", \"us");

    var daemon = a.ferry("daemon");
    assertEquals(ExitCodes.AUTH, daemon.code(), daemon.err());
    assertTrue(daemon.err().contains("the device credentials " + deviceFile + " cannot be used (not valid JSON)"), daemon.err());
    assertTrue(Files.readString(a.locations().logsDir().resolve("daemon.log")).contains("the daemon cannot start: the device credentials "
        + deviceFile), "the daemon's log says so too");
    var status = a.ferry("status");
    assertEquals(ExitCodes.NO_DAEMON, status.code(), status.err());
    assertTrue(status.err().contains("none can start: the device credentials " + deviceFile), status.err());

    var init = a.ferry("init", "--server", url, "--user", "other", "--invite", hub.invite(), "--password-file",
        a.home().resolve("password.txt").toString());
    assertEquals(ExitCodes.FAILED, init.code(), init.err());
    assertTrue(init.err().contains(deviceFile.toString()), init.err());

    var again = login(TestDevice.PASSWORD);
    assertEquals(0, again.code(), again.out() + again.err());
    assertTrue(again.out().contains("unreadable " + deviceFile + " is replaced"), again.out());
    DeviceCredentials fresh = secrets().requireDevice();
    assertNotEquals(old.deviceId(), fresh.deviceId());
    a.startDaemon();
    a.sync().expect(0);
    a.ferry("status").expect(0);
  }
}
