package dev.ferry.server.api;

import static org.junit.jupiter.api.Assertions.*;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ferry.protocol.Json;
import dev.ferry.protocol.Problem;
import dev.ferry.server.testing.TestHub;
import dev.ferry.server.testing.TestHttp;
import dev.ferry.server.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The hub's PostgreSQL stops while the hub runs, then starts again: devices get 503
 * storage_unavailable with a Retry-After (not 500 internal), /healthz says the database is
 * unreachable, the log has one warning for the outage and no stack trace, and once PostgreSQL is
 * back the same hub serves again. A server of its own, so the outage spares the other tests.
 */
class DatabaseOutageTest {
  @Test
  void aLostDatabaseIs503StorageUnavailableLoggedOnceAndTheHubServesAgainOnceItIsBack() throws Exception {
    TestPostgres pg = TestPostgres.startOwn();
    Logger server = (Logger) LoggerFactory.getLogger("dev.ferry.server");
    Level level = server.getLevel();
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    server.addAppender(log);
    server.setLevel(Level.INFO);
    try (TestHub hub = TestHub.startOnPostgres(pg.newDatabase("outage"), o -> o)) {
      TestHub.Login amy = hub.createAccount("amy");
      assertEquals(200, hub.http().get("/v1/devices").token(amy.token()).send().status());
      assertEquals(200, hub.http().get("/healthz").send().status());

      pg.stop();
      for (int i = 0; i < 2; i++) {
        TestHttp.Reply r = hub.http().get("/v1/devices").token(amy.token()).send();
        assertEquals(503, r.status(), r.body());
        assertEquals(Problem.MEDIA_TYPE, r.contentType());
        Problem p = Json.read(Problem.class, r.body());
        assertEquals("storage_unavailable", p.code(), r.body());
        assertEquals("10", r.header("Retry-After"));
        assertEquals(10L, p.retryAfter());
      }
      TestHttp.Reply health = hub.http().get("/healthz").send();
      assertEquals(503, health.status(), health.body());
      assertEquals("storage_unavailable", Json.read(Problem.class, health.body()).code());
      assertTrue(health.body().contains("the hub's database is unreachable"), health.body());
      List<ILoggingEvent> warned = events(log, Level.WARN, "StorageHealth");
      assertEquals(1, warned.size(), "one warning for the outage: " + messages(log));
      // "cannot reach … connection refused", or "lost the connection …" when a request met a connection the stop ended
      assertTrue(warned.get(0).getFormattedMessage().contains("the hub database at 127.0.0.1:"), warned.get(0).getFormattedMessage());
      assertTrue(log.list.stream().noneMatch(e -> e.getLevel() == Level.ERROR || e.getThrowableProxy() != null),
          "no error and no stack trace: " + messages(log));

      pg.start();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      int status;
      while ((status = hub.http().get("/healthz").send().status()) != 200 && Instant.now().isBefore(deadline)) {
        Thread.sleep(100); // polling for the restarted database, not timing anything
      }
      assertEquals(200, status, "/healthz once PostgreSQL is back");
      assertEquals(200, hub.http().get("/v1/devices").token(amy.token()).send().status(), "the same hub serves again");
      assertEquals(1, events(log, Level.INFO, "StorageHealth").size(), "the outage's end is logged: " + messages(log));
    } finally {
      server.detachAppender(log);
      server.setLevel(level);
      try {
        pg.stop();
      } catch (RuntimeException alreadyStopped) {
        // a failed assertion may have left it stopped
      }
    }
  }

  private static List<ILoggingEvent> events(ListAppender<ILoggingEvent> log, Level level, String logger) {
    return log.list.stream().filter(e -> e.getLevel() == level && e.getLoggerName().endsWith(logger)).toList();
  }

  private static String messages(ListAppender<ILoggingEvent> log) {
    return log.list.stream().map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()).toList().toString();
  }
}
