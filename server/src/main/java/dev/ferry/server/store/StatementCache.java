package dev.ferry.server.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prepared statements of one connection, kept across transactions. sqlite-jdbc compiles the SQL
 * on every {@code prepareStatement}, which cost about a third of a write batch's time; the cache
 * compiles each statement once per connection. A statement handed out closes "into" the cache:
 * {@code close()} clears its parameters and keeps it, so callers keep their try-with-resources.
 * Used by one thread at a time, like the connection it belongs to.
 */
final class StatementCache implements AutoCloseable {
  private final Connection connection;
  private final Map<String, PreparedStatement> bySql = new HashMap<>();
  private final List<PreparedStatement> real = new ArrayList<>();

  StatementCache(Connection connection) {
    this.connection = connection;
  }

  PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement cached = bySql.get(sql);
    if (cached == null) {
      PreparedStatement statement = connection.prepareStatement(sql);
      real.add(statement);
      cached = (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
          new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
              statement.clearParameters();
              return null;
            }
            try {
              return method.invoke(statement, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      bySql.put(sql, cached);
    }
    return cached;
  }

  /** Really closes every statement; the connection stays open. */
  @Override
  public void close() {
    for (PreparedStatement ps : real) {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // closing: nothing left to protect
      }
    }
    bySql.clear();
    real.clear();
  }
}
