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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ferry init} and {@code ferry login} refuse bad arguments before the hub hears of them. */
class AccountCommandTest {
  Path base;
  TestHub hub;
  TestDevice a;

  @BeforeEach
  void start() throws Exception {
    base = Files.createTempDirectory(Path.of("/tmp"), "ferry-account");
    hub = TestHub.start();
    a = TestDevice.create(base, "a");
    a.init(hub.url().toString(), "alice", hub.invite());
  }

  @AfterEach
  void stop() throws Exception {
    if (hub != null) hub.close();
    Trees.deleteRecursively(base);
  }

  private int devicesOnTheHub() throws Exception {
    String token = new SecretStore(a.locations().secretsDir()).requireDevice().token();
    return new HubClient(hub.url(), token, HubHttpClients.create()).devices().devices().size();
  }

  @Test
  void aServerUrlWithCredentialsIsRefusedBeforeAnythingIsRegisteredOrWritten() throws Exception {
    TestDevice b = TestDevice.create(base, "b");
    Path pw = b.home().resolve("password.txt");
    String withCredentials = "http://u:s3cret@127.0.0.1:" + hub.url().getPort();
    var login = b.ferry("login", "--server", withCredentials, "--user", "alice", "--password-file", pw.toString(), "--json");
    assertEquals(ExitCodes.USAGE, login.code(), login.err());
    assertTrue(login.err().contains("must not contain a user name or password"), login.err());
    assertFalse(login.err().contains("s3cret") || login.out().contains("s3cret"), login.err() + login.out());
    assertEquals(ExitCodes.USAGE, ((Number) dev.ferry.protocol.Json.read(Map.class, login.out()).get("exitCode")).intValue(), login.out());
    var init = b.ferry("init", "--server", withCredentials, "--user", "bob", "--invite", hub.invite(), "--password-file", pw.toString());
    assertEquals(ExitCodes.USAGE, init.code(), init.err());
    assertFalse(init.err().contains("s3cret"), init.err());

    assertEquals(1, devicesOnTheHub(), "the hub registered no device");
    assertFalse(Files.exists(b.locations().secretsDir().resolve("device.json")), "no secrets written");
    assertFalse(Files.exists(b.locations().configFile()), "no config written");
    // A retry with the clean URL is not told the device is set up already.
    b.login(hub.url().toString(), "alice");
    assertEquals(2, devicesOnTheHub());
  }

  @Test
  void aPasswordFileThatCannotBeReadIsNamedWithWhy() throws Exception {
    TestDevice b = TestDevice.create(base, "b");
    Path missing = base.resolve("nonexistent-pw");
    String server = hub.url().toString();
    var login = b.ferry("login", "--server", server, "--user", "alice", "--password-file", missing.toString(), "--json");
    assertEquals(ExitCodes.FAILED, login.code(), login.err());
    assertEquals("ferry: cannot read password file " + missing + ": no such file\n", login.err());
    assertEquals("cannot read password file " + missing + ": no such file",
        dev.ferry.protocol.Json.read(Map.class, login.out()).get("error"));
    var init = b.ferry("init", "--server", server, "--user", "bob", "--invite", hub.invite(), "--password-file", base.toString());
    assertEquals(ExitCodes.FAILED, init.code(), init.err());
    assertEquals("ferry: cannot read password file " + base + ": it is a directory\n", init.err());
    assertEquals(1, devicesOnTheHub(), "the hub registered no device");
    assertFalse(Files.exists(b.locations().secretsDir().resolve("device.json")), "no secrets written");
  }

  @Test
  void aNewAccountRefusesAShortPasswordFromAnySource() throws Exception {
    TestDevice c = TestDevice.create(base, "c");
    Path shortPw = Files.writeString(base.resolve("short-pw"), "hunter2\n");
    var init = c.ferry("init", "--server", hub.url().toString(), "--user", "carl", "--invite", hub.invite(),
        "--password-file", shortPw.toString());
    assertEquals(ExitCodes.USAGE, init.code(), init.err());
    assertTrue(init.err().contains("at least 8 characters"), init.err());
    assertEquals(1, devicesOnTheHub(), "the hub registered no device");
    assertFalse(Files.exists(c.locations().secretsDir().resolve("device.json")), "no secrets written");
  }
}
