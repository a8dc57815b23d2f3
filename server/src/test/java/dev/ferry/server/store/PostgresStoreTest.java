package dev.ferry.server.store;

import dev.ferry.server.Retention;
import dev.ferry.server.testing.TestPostgres;

/** The store contract on a real PostgreSQL (one server per test JVM, a fresh database per test). */
class PostgresStoreTest extends StoreContract {
  @Override
  protected Store openStore(Retention retention) {
    return PostgresStore.open(TestPostgres.get().newDatabase("contract"), retention);
  }
}
