package dev.ferry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.server.store.PostgresUrl;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubOptionsTest {
  @Test
  void defaultDataDirHonoursXdgDataHome() {
    assertEquals(Path.of("/x/data/ferry-server"), HubOptions.defaultDataDir(Map.of("XDG_DATA_HOME", "/x/data"), "/home/u"));
    assertEquals(Path.of("/home/u/.local/share/ferry-server"), HubOptions.defaultDataDir(Map.of(), "/home/u"));
    assertEquals(Path.of("/home/u/.local/share/ferry-server"), HubOptions.defaultDataDir(Map.of("XDG_DATA_HOME", "relative"), "/home/u"));
  }

  @Test
  void defaultsAndValidation() {
    HubOptions o = HubOptions.defaults(Path.of("/d"));
    assertEquals("127.0.0.1", o.bind());
    assertEquals(8787, o.port());
    assertEquals(SignupMode.INVITE, o.signup());
    assertEquals(Retention.DEFAULT, o.retention());
    assertThrows(IllegalArgumentException.class, () -> o.withPort(70000));
    assertThrows(IllegalArgumentException.class, () -> new Retention(0, java.time.Duration.ZERO));
    assertEquals(SignupMode.OPEN, SignupMode.parse("Open"));
    assertThrows(IllegalArgumentException.class, () -> SignupMode.parse("sometimes"));
  }

  @Test
  void databaseIsSqliteByDefaultOrAPostgresUrlWithoutLeakingItsPassword() {
    HubOptions o = HubOptions.defaults(Path.of("/d"));
    assertEquals(null, o.database());
    assertEquals("/d/hub.db", Hub.databaseName(o));
    HubOptions pg = o.withDatabase("postgresql://ferry:s3cret@db.example:5433/hub?sslmode=require");
    assertEquals("postgresql://ferry:***@db.example:5433/hub?sslmode=require", Hub.databaseName(pg));
    var e = assertThrows(IllegalArgumentException.class, () -> o.withDatabase("mysql://u:pw@h/db"));
    assertFalse(e.getMessage().contains("pw@"), e.getMessage());
  }

  @Test
  void postgresUrlsBecomeJdbcUrlsWithSeparateCredentials() {
    PostgresUrl u = PostgresUrl.parse("postgresql://ferry:p%40ss@db.example:5433/hub?sslmode=require");
    assertEquals("jdbc:postgresql://db.example:5433/hub?sslmode=require", u.jdbcUrl());
    assertEquals("ferry", u.user());
    assertEquals("p@ss", u.password());
    assertEquals("db.example:5433", u.address());
    assertEquals("jdbc:postgresql://localhost/hub", PostgresUrl.parse("postgres://localhost/hub").jdbcUrl());
    assertEquals("localhost:5432", PostgresUrl.parse("postgres://localhost/hub").address(), "PostgreSQL's default port");
    var badPort = assertThrows(IllegalArgumentException.class, () -> PostgresUrl.parse("postgresql://u:secret@localhost:99999/hub"));
    assertTrue(badPort.getMessage().contains("port 99999 is not a valid port") && !badPort.getMessage().contains("secret"), badPort.getMessage());
    assertEquals(null, PostgresUrl.parse("jdbc:postgresql://localhost/hub").user());
    var noDb = assertThrows(IllegalArgumentException.class, () -> PostgresUrl.parse("postgresql://u:secret@localhost/"));
    assertTrue(noDb.getMessage().contains("no database") && !noDb.getMessage().contains("secret"), noDb.getMessage());
  }
}
