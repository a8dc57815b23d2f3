package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.ferry.daemon.local.StateDb;
import dev.ferry.server.testing.TestHub;
import dev.ferry.server.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry server} refusing to start, and {@code migrate} refusing a database a hub writes: each says why. */
class ServerCommandTest {
  @TempDir Path dir;

  @Test
  void anAddressThatIsNotThisMachinesOrDoesNotResolveIsNamedNotCalledAPortInUse() {
    CliRun.Result foreign = CliRun.run("server", "--data", dir.resolve("a").toString(), "--port", "0", "--bind", "192.0.2.1");
    assertEquals(ExitCodes.FAILED, foreign.exit(), foreign.err());
    assertTrue(foreign.err().contains("cannot listen on 192.0.2.1:0") && foreign.err().contains("an address of this machine"), foreign.err());
    assertFalse(foreign.err().contains("Port already in use"), foreign.err());
    CliRun.Result unknown = CliRun.run("server", "--data", dir.resolve("b").toString(), "--port", "0", "--bind", "nosuchhost.invalid");
    assertEquals(ExitCodes.FAILED, unknown.exit(), unknown.err());
    assertTrue(unknown.err().contains("cannot listen on nosuchhost.invalid:0: no such address"), unknown.err());
  }

  @Test
  void aSecondHubOnTheDataDirectoryAndAMigrationOfItsDatabaseWaitForTheRunningHub() throws Exception {
    Path data = Files.createDirectories(dir.resolve("hub"));
    try (TestHub running = TestHub.startOn(data, o -> o)) {
      CliRun.Result second = CliRun.run("server", "--data", data.toString(), "--port", "0");
      assertEquals(ExitCodes.FAILED, second.exit(), second.err());
      assertTrue(second.err().contains("another hub is serving " + data), second.err());
      CliRun.Result migrate = CliRun.run("server", "migrate", "--from", data.resolve("hub.db").toString(),
          "--to", "postgresql://u:p@127.0.0.1:1/ferry");
      assertEquals(ExitCodes.FAILED, migrate.exit(), migrate.err());
      assertTrue(migrate.err().contains("a hub is serving") && migrate.err().contains("stop it first"), migrate.err());
    }
  }

  @Test
  void migrateRefusesADaemonsStateDbAndLeavesItAsItWas() throws Exception {
    Path stateDb = dir.resolve("state.db");
    StateDb.open(stateDb);
    byte[] before = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(stateDb));
    CliRun.Result r = CliRun.run("server", "migrate", "--from", stateDb.toString(), "--to", "postgresql://u:p@127.0.0.1:1/ferry");
    assertEquals(ExitCodes.FAILED, r.exit(), r.err());
    assertTrue(r.err().contains(stateDb + " is not a Ferry hub database"), r.err());
    assertFalse(r.err().contains("run it again"), r.err());
    assertArrayEquals(before, MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(stateDb)), "the source was written to");
  }

  @Test
  void inviteNeverCreatesADatabaseAHubDoesNotServe() {
    Path empty = dir.resolve("typo");
    CliRun.Result sqlite = CliRun.run("server", "invite", "--data", empty.toString());
    assertEquals(ExitCodes.FAILED, sqlite.exit(), sqlite.err());
    assertTrue(sqlite.err().contains("no hub database in " + empty + " (the hub's --data directory; for a PostgreSQL hub pass the same --db URL)"),
        sqlite.err());
    assertFalse(Files.exists(empty), "the data directory was created");

    String url = TestPostgres.get().newDatabase("invite_fresh");
    CliRun.Result fresh = CliRun.run("server", "invite", "--db", url);
    assertEquals(ExitCodes.FAILED, fresh.exit(), fresh.err());
    assertTrue(fresh.err().contains("it holds no Ferry hub tables"), fresh.err());
    try (TestHub hub = TestHub.startOnPostgres(url, o -> o)) {
      CliRun.Result served = CliRun.run("server", "invite", "--db", url);
      assertEquals(ExitCodes.OK, served.exit(), served.err());
      String[] lines = served.out().strip().split("\n");
      assertEquals("ivy", hub.createAccount("ivy", lines[lines.length - 1]).user(), "the hub accepts the code");
    }
  }

  @Test
  void aDatabaseThatCannotBeReachedIsNamedNotCalledABindFailure() {
    CliRun.Result start = CliRun.run("server", "--data", dir.resolve("a").toString(), "--port", "0",
        "--db", "postgresql://ferry:pw@no-such-host.invalid/x");
    assertEquals(ExitCodes.FAILED, start.exit(), start.err());
    assertTrue(start.err().contains("cannot start: cannot reach the hub database at no-such-host.invalid:5432: unknown host"), start.err());
    assertFalse(start.err().contains("cannot listen") || start.err().contains("pw"), start.err());

    CliRun.Result invite = CliRun.run("server", "invite", "--db", "postgresql://ferry:pw@127.0.0.1:1/x");
    assertEquals(ExitCodes.FAILED, invite.exit(), invite.err());
    assertTrue(invite.err().contains("ferry server invite: cannot reach the hub database at 127.0.0.1:1: connection refused"), invite.err());
    assertFalse(invite.err().contains("pw"), invite.err());

    for (String action : new String[] {"", "invite"}) {
      CliRun.Result badPort = action.isEmpty()
          ? CliRun.run("server", "--data", dir.resolve("b").toString(), "--db", "postgresql://ferry:pw@db.example:99999/x")
          : CliRun.run("server", action, "--db", "postgresql://ferry:pw@db.example:99999/x");
      assertEquals(ExitCodes.USAGE, badPort.exit(), badPort.err());
      assertTrue(badPort.err().contains("--db: the PostgreSQL URL's port 99999 is not a valid port (1-65535): postgresql://ferry:***@db.example:99999/x"),
          badPort.err());
      assertFalse(badPort.err().contains("No suitable driver") || badPort.err().contains(":pw@"), badPort.err());
    }
  }
}
