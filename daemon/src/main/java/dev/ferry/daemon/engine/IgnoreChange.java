package dev.ferry.daemon.engine;

import dev.ferry.daemon.core.SyncDirection;
import dev.ferry.daemon.local.FolderIndex;
import dev.ferry.daemon.local.IgnoreRules;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a pull starts reading the change feed once the ignore rules may have changed. A pull
 * leaves changes to ignored paths on the hub while its cursor passes them; when a rule goes, the
 * paths it covered must still get those changes, so the first pull under changed rules reads the
 * feed from the start (an entry at the revision the index holds is not even opened, so this
 * costs the feed's metadata, once per change of the rules).
 */
final class IgnoreChange {
  // The run's log lines keep one logger name, whichever phase writes them.
  private static final Logger log = LoggerFactory.getLogger(FolderSync.class);
  /** Index meta: the rules the cursor was last read under, one pattern a line. */
  static final String IGNORE_RULES = "ignore_rules";

  private IgnoreChange() {}

  /**
   * The seq to read the feed after. A pulling run records the rules, and a reset cursor with
   * them, in one transaction; a check run only reads as the next pull will. A folder that has
   * no rules recorded yet (new, or synced by a version that applied every change) keeps its cursor.
   */
  static long pullFrom(FolderIndex index, IgnoreRules rules, SyncDirection direction) throws SQLException {
    String now = String.join("\n", rules.patterns());
    Optional<String> seen = index.meta(IGNORE_RULES);
    if (seen.isPresent() && seen.get().equals(now)) return index.cursor();
    boolean reread = seen.isPresent();
    if (direction != SyncDirection.CHECK) {
      Map<String, String> meta = new HashMap<>();
      meta.put(IGNORE_RULES, now);
      if (reread) meta.put(FolderIndex.CURSOR, "0");
      index.commit(null, null, meta);
      if (reread) log.info("ignore rules changed: the change feed is read again from the start");
    }
    return reread ? 0 : index.cursor();
  }
}
