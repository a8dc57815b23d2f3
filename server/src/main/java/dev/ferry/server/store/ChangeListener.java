package dev.ferry.server.store;

import dev.ferry.protocol.EntryMeta;
import java.util.List;

/**
 * Told about accepted writes right after they commit, in commit (= seq) order per folder. It
 * must not block: it runs while the store still serializes writers, which is what keeps the
 * order.
 */
@FunctionalInterface
public interface ChangeListener {
  void committed(long accountId, String folder, List<EntryMeta> heads);
}
