package dev.ferry.daemon.core.merge;

import dev.ferry.config.ConflictStrategy;
import dev.ferry.daemon.core.ConflictNames;
import dev.ferry.daemon.core.ConflictResolution;
import dev.ferry.daemon.core.ConflictResolution.Side;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a conflict and the folder's strategy into a {@link ConflictResolution} (SPEC §4). Pure:
 * no clock (the case carries "now"), no disk. The rules:
 * <ul>
 *   <li>{@code merge}: JSON field by field ({@link JsonMerge}), text line by line
 *       ({@link TextMerge}); the merged bytes are used, after the local content has been kept as
 *       a hub revision. A merge that conflicts, a binary file, or a missing ancestor falls back
 *       to keep-both. A merge whose result is exactly the local content is keep-local.
 *   <li>{@code keep-both}: the remote content takes the name, the local one becomes the conflict
 *       copy {@code NAME.conflict-DEVICE-STAMP.EXT} (this device's name, "now").
 *   <li>{@code last-write-wins}: the later modification time wins; on a tie the
 *       lexicographically greater device id wins (equal ids: the remote side, which keeps a
 *       copy of the local one — the safe choice).
 *   <li>{@code local-wins} / {@code remote-wins}: that side takes the name.
 *   <li>{@code manual}: the local content stays, nothing is uploaded, the conflict waits.
 * </ul>
 * Whenever the local content loses, it is kept as a conflict copy unless it already is a hub
 * revision; a losing remote content already is one. So no strategy discards content.
 */
public final class ConflictResolver {
  private ConflictResolver() {}

  public static ConflictResolution decide(ConflictStrategy strategy, ConflictCase c) {
    switch (strategy) {
      case MERGE:
        return merge(c);
      case KEEP_BOTH:
        return keepBoth(c, "keep-both");
      case LAST_WRITE_WINS: {
        int byTime = c.localMtime().compareTo(c.remoteMtime());
        int byDevice = c.localDevice().compareTo(c.remoteDevice());
        if (byTime > 0) return new ConflictResolution.KeepLocal("last-write-wins: local is newer");
        if (byTime == 0 && byDevice > 0) {
          return new ConflictResolution.KeepLocal("last-write-wins: same time, local device id is greater");
        }
        return remoteWins(c, byTime < 0 ? "last-write-wins: remote is newer"
            : byDevice < 0 ? "last-write-wins: same time, remote device id is greater"
            : "last-write-wins: same time and device id, remote kept");
      }
      case LOCAL_WINS:
        return new ConflictResolution.KeepLocal("local-wins");
      case REMOTE_WINS:
        return remoteWins(c, "remote-wins");
      case MANUAL:
        return new ConflictResolution.WaitManual("manual: waiting for ferry resolve");
      default:
        throw new IllegalArgumentException("unknown conflict strategy " + strategy);
    }
  }

  /**
   * A merge conflict on a file above {@code limitBytes} (on either side): not merged in memory,
   * kept both, and the reason says why, so the person does not wonder why a merge did not happen.
   */
  public static ConflictResolution tooLargeToMerge(ConflictCase c, long limitBytes) {
    return keepBoth(c, "merge: larger than " + (limitBytes >> 20) + " MiB, not merged, kept both");
  }

  private static ConflictResolution merge(ConflictCase c) {
    if (c.ancestor() == null) return keepBoth(c, "merge: no common ancestor, kept both");
    FileKind kind = FileKind.of(c.path(), c.ancestor(), c.local(), c.remote());
    if (kind == FileKind.BINARY) return keepBoth(c, "merge: binary file, kept both");
    String a = FileKind.decode(c.ancestor()).orElseThrow();
    String l = FileKind.decode(c.local()).orElseThrow();
    String r = FileKind.decode(c.remote()).orElseThrow();
    MergeResult result = kind == FileKind.JSON
        ? JsonMerge.merge(a, l, r, MergeOptions.of(c.localDevice(), c.remoteDevice()))
        : TextMerge.merge(a, l, r);
    String what = kind == FileKind.JSON ? "JSON" : "text";
    if (result instanceof MergeResult.Conflict conflict) {
      return keepBoth(c, "merge (" + what + ") failed, kept both: " + conflict.reason());
    }
    byte[] merged = ((MergeResult.Merged) result).text().getBytes(StandardCharsets.UTF_8);
    if (Arrays.equals(merged, c.local())) return new ConflictResolution.KeepLocal("merge (" + what + "): result is the local content");
    return new ConflictResolution.UseMerged(merged, !c.localIsHubRevision(), "merge (" + what + ")");
  }

  private static ConflictResolution keepBoth(ConflictCase c, String reason) {
    return new ConflictResolution.KeepBoth(copyName(c), Side.REMOTE, reason);
  }

  private static ConflictResolution remoteWins(ConflictCase c, String reason) {
    return new ConflictResolution.KeepRemote(c.localIsHubRevision() ? null : copyName(c), reason);
  }

  private static String copyName(ConflictCase c) {
    return ConflictNames.copyName(c.path(), c.localDeviceName(), c.now());
  }
}
