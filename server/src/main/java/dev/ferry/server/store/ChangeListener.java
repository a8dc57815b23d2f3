package dev.ferry.server.store;

import dev.ferry.protocol.EntryMeta;
import java.util.List;

/**
 * Told about accepted writes after they commit, in commit (= seq) order per folder. It must not
 * block: SQLite calls it while it still serializes writers, which is what keeps the order;
 * PostgreSQL calls it from the one thread that receives every instance's notifications.
 */
@FunctionalInterface
public interface ChangeListener {
  void committed(long accountId, String folder, List<EntryMeta> heads);

  /**
   * Whether changes of this folder interest the listener now. A store that must read the heads
   * back before calling {@link #committed} (PostgreSQL, for other instances' writes) skips
   * folders nobody listens to.
   */
  default boolean wants(long accountId, String folder) {
    return true;
  }

  /**
   * Some changes may not have been delivered (the store lost its notification connection); a
   * listener that promised gap-free delivery must make its consumers resynchronize.
   */
  default void missed() {}
}
