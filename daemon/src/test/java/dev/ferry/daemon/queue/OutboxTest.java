package dev.ferry.daemon.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.config.OfflineSettings;
import dev.ferry.config.RetrySettings;
import dev.ferry.daemon.core.ErrorCategory;
import dev.ferry.daemon.local.StateDb;
import dev.ferry.daemon.queue.QueueEntry.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox on a real state.db: what is kept, what leaves, and when items give up. */
class OutboxTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final RetryPolicy POLICY = RetryPolicy.of(new RetrySettings(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10)),
      new OfflineSettings(true, Duration.ofSeconds(30)));

  @TempDir Path dir;
  StateDb db;
  Outbox outbox;

  @BeforeEach
  void open() throws Exception {
    db = StateDb.open(dir.resolve("state.db"));
    outbox = new Outbox(db, "docs", Clock.fixed(T0, ZoneOffset.UTC), POLICY, () -> 0.0);
  }

  @AfterEach
  void close() throws Exception {
    outbox.close();
  }

  static LocalChange change(String path, String version) {
    return new LocalChange(path, "upload", 1, version);
  }

  @Test
  void aPreparedWriteSurvivesReopeningAndLeavesOnlyWhenAcknowledged() throws Exception {
    outbox.record(List.of(change("a", "FILE:1"), change("b", "FILE:2")));
    outbox.prepared("a", "upload", 1, "FILE:1", "key-1", "{\"w\":1}", "{\"e\":1}");
    outbox.close();
    outbox = new Outbox(StateDb.open(dir.resolve("state.db")), "docs", Clock.systemUTC(), POLICY);
    QueueEntry a = outbox.uploads().get("a");
    assertTrue(a.prepared());
    assertEquals("key-1", a.idempotencyKey());
    assertEquals("{\"w\":1}", a.writeJson(), "the very bytes that were sent");
    // Recording the same change again keeps the prepared write and its key.
    outbox.record(List.of(change("a", "FILE:1"), change("b", "FILE:2")));
    assertEquals("key-1", outbox.uploads().get("a").idempotencyKey());
    assertEquals(2, outbox.pendingCount());
    outbox.acknowledged(List.of("a"));
    assertEquals(List.of("b"), List.copyOf(outbox.uploads().keySet()));
  }

  @Test
  void aChangedFileStartsAfreshAndAnUndoneChangeLeaves() throws Exception {
    outbox.record(List.of(change("a", "FILE:1"), change("b", "FILE:2")));
    outbox.prepared("a", "upload", 1, "FILE:1", "key-1", "{}", "{}");
    outbox.record(List.of(change("a", "FILE:9")));
    QueueEntry a = outbox.uploads().get("a");
    assertEquals("FILE:9", a.localVersion());
    assertNull(a.idempotencyKey(), "a new local version needs a new write");
    assertEquals(List.of("a"), List.copyOf(outbox.uploads().keySet()), "b no longer differs from the index");
  }

  @Test
  void retryableRefusalsBackOffThenFailAndNonRetryableOnesFailAtOnce() throws Exception {
    outbox.record(List.of(change("a", "FILE:1"), change("b", "FILE:2")));
    QueueEntry a = outbox.attemptFailed("a", ErrorCategory.SERVER, "500", null).orElseThrow();
    assertEquals(Status.PENDING, a.status());
    assertEquals(T0.plusMillis(500), a.nextAttemptAt(), "1 s, equal jitter, draw 0");
    a = outbox.attemptFailed("a", ErrorCategory.RATE_LIMITED, "429", Duration.ofSeconds(7)).orElseThrow();
    assertEquals(T0.plusSeconds(7), a.nextAttemptAt(), "Retry-After is a floor");
    assertEquals(Optional.of(T0.plusMillis(500)).map(x -> T0.plusSeconds(7)), outbox.nextAttempt());
    a = outbox.attemptFailed("a", ErrorCategory.SERVER, "500", null).orElseThrow();
    assertEquals(Status.FAILED, a.status(), "max_attempts = 3");
    assertEquals(3, a.attempts());
    QueueEntry b = outbox.attemptFailed("b", ErrorCategory.INVALID_DATA, "400", null).orElseThrow();
    assertEquals(Status.FAILED, b.status());
    assertEquals(ErrorCategory.INVALID_DATA, b.category());
    assertEquals(2, outbox.failedCount());
    // A failed item with the same local version stays failed; one whose file changed starts again.
    outbox.record(List.of(change("a", "FILE:1"), change("b", "FILE:3")));
    assertEquals(Status.FAILED, outbox.uploads().get("a").status());
    assertEquals(Status.PENDING, outbox.uploads().get("b").status());
  }

  @Test
  void failedDownloadsAreKeptPerRevisionAndSettleWhenApplied() throws Exception {
    outbox.downloadFailed("c", "download", 4, ErrorCategory.DISK, "No space left on device");
    outbox.downloadFailed("c", "download", 4, ErrorCategory.DISK, "No space left on device");
    QueueEntry c = outbox.downloads().get("c");
    assertEquals(4, c.baseRev());
    assertEquals(2, c.attempts());
    assertEquals(Status.FAILED, c.status());
    outbox.downloadSettled(List.of("c"));
    assertTrue(outbox.downloads().isEmpty());
    assertEquals(0, outbox.failedCount());
  }

  @Test
  void probesBackOffUpToTheProbeInterval() {
    assertEquals(Duration.ofSeconds(1), POLICY.probeDelay(1, null, 0.999).plusMillis(1).withNanos(0));
    assertEquals(Duration.ofSeconds(15), POLICY.probeDelay(10, null, 0.0), "half of the 30 s cap, draw 0");
    assertEquals(Duration.ofSeconds(40), POLICY.probeDelay(1, Duration.ofSeconds(40), 0.0), "Retry-After wins");
    assertTrue(POLICY.givesUp(ErrorCategory.AUTH, 1));
    assertTrue(!POLICY.givesUp(ErrorCategory.NETWORK, 2));
  }
}
