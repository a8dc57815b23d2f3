package dev.ferry.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.protocol.ChangesPage;
import dev.ferry.protocol.EntryMeta;
import dev.ferry.server.Retention;
import dev.ferry.server.testing.TestData;
import dev.ferry.server.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real PostgreSQL (one server per test JVM, a fresh database per test),
 * plus what only a shared database has: several stores on it at once.
 */
class PostgresStoreTest extends StoreContract {
  private String lastDatabase;

  @Override
  protected Store openStore(Retention retention) {
    lastDatabase = TestPostgres.get().newDatabase("contract");
    return PostgresStore.open(lastDatabase, retention);
  }

  @Override
  protected Connection connectToStore() throws SQLException {
    String database = lastDatabase.substring(lastDatabase.lastIndexOf('/') + 1);
    return DriverManager.getConnection(TestPostgres.get().jdbcUrl(database), TestPostgres.get().user(), "");
  }

  @Test
  void concurrentBatchesOnTwoStoresLeaveNoGapAReaderCouldSee() throws Exception {
    long a = account("amy");
    List<Long> heardByOther = new CopyOnWriteArrayList<>();
    try (Store other = PostgresStore.open(lastDatabase, KEEP_3_FOR_A_DAY)) {
      other.setChangeListener((acct, folder, heads) -> heads.forEach(h -> heardByOther.add(h.seq())));
      int writers = 4;
      int batches = 10;
      int perBatch = 10;
      AtomicBoolean writing = new AtomicBoolean(true);
      ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
      // The reader follows the feed like a device: from its cursor, every page must continue it without a hole.
      Future<Long> reader = pool.submit(() -> {
        long cursor = 0;
        while (writing.get() || cursor < (long) writers * batches * perBatch) {
          ChangesPage p = store.changes(a, "f", cursor, 1000);
          for (EntryMeta m : p.changes()) {
            assertEquals(cursor + 1, m.seq(), "the feed continued past a seq not yet visible");
            cursor = m.seq();
          }
        }
        return cursor;
      });
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        Store via = w % 2 == 0 ? store : other;
        done.add(pool.submit(() -> {
          for (int b = 0; b < batches; b++) {
            List<WriteCommand> cmds = new ArrayList<>();
            for (int i = 0; i < perBatch; i++) cmds.add(new WriteCommand(TestData.entryId(), 0, null, inline("x")));
            via.write(a, "f", "d", cmds, T0);
          }
          return null;
        }));
      }
      for (Future<?> f : done) f.get();
      writing.set(false);
      long total = (long) writers * batches * perBatch;
      assertEquals(total, reader.get());
      pool.shutdown();
      awaitSize(heardByOther, (int) total);
      assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), heardByOther,
          "the other store heard every instance's writes once, in seq order");
    }
  }
}
