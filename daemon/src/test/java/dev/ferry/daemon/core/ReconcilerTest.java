package dev.ferry.daemon.core;

import static dev.ferry.daemon.core.SyncDirection.BOTH;
import static dev.ferry.daemon.core.SyncDirection.CHECK;
import static dev.ferry.daemon.core.SyncDirection.DOWNLOAD;
import static dev.ferry.daemon.core.SyncDirection.UPLOAD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per case: (base, local, remote, direction, force) → the action, printed and compared. */
class ReconcilerTest {
  static final Version A = Version.file("aaa", false);
  static final Version B = Version.file("bbb", false);
  static final Version C = Version.file("ccc", false);
  static final Version AX = Version.file("aaa", true);
  static final Version D = Version.dir();
  static final Version GONE = null;
  static final long NO_REMOTE = -1;

  static Stream<Arguments> rows() {
    return Stream.of(
        // base, baseRev, local, remoteRev, remote, direction, force, expected
        row(A, 1, A, NO_REMOTE, null, BOTH, false, "null"),
        row(A, 1, B, NO_REMOTE, null, BOTH, false, "Upload[path=p, baseRev=1, local=" + B + "]"),
        row(null, 0, A, NO_REMOTE, null, BOTH, false, "Upload[path=p, baseRev=0, local=" + A + "]"),
        row(A, 1, GONE, NO_REMOTE, null, BOTH, false, "Upload[path=p, baseRev=1, local=null]"),
        row(A, 1, AX, NO_REMOTE, null, BOTH, false, "Upload[path=p, baseRev=1, local=" + AX + "]"),
        row(null, 0, D, NO_REMOTE, null, BOTH, false, "Upload[path=p, baseRev=0, local=" + D + "]"),
        row(A, 1, A, 2, B, BOTH, false, "Download[path=p, rev=2, remote=" + B + "]"),
        row(A, 1, A, 2, GONE, BOTH, false, "Download[path=p, rev=2, remote=null]"),
        row(null, 0, null, 3, A, BOTH, false, "Download[path=p, rev=3, remote=" + A + "]"),
        row(A, 1, B, 2, B, BOTH, false, "Adopt[path=p, rev=2, version=" + B + "]"),
        row(A, 1, GONE, 2, GONE, BOTH, false, "Adopt[path=p, rev=2, version=null]"),
        row(null, 0, A, 1, A, BOTH, false, "Adopt[path=p, rev=1, version=" + A + "]"),
        row(null, 0, D, 1, D, BOTH, false, "Adopt[path=p, rev=1, version=" + D + "]"),
        // Modification beats deletion, from either side.
        row(A, 1, B, 2, GONE, BOTH, false, "Upload[path=p, baseRev=2, local=" + B + "]"),
        row(A, 1, GONE, 2, B, BOTH, false, "Download[path=p, rev=2, remote=" + B + "]"),
        // Two different modifications keep both.
        row(A, 1, B, 2, C, BOTH, false, "KeepBoth[path=p, remoteRev=2, remote=" + C + ", local=" + B + "]"),
        row(null, 0, A, 1, B, BOTH, false, "KeepBoth[path=p, remoteRev=1, remote=" + B + ", local=" + A + "]"),
        row(null, 0, D, 1, B, BOTH, false, "KeepBoth[path=p, remoteRev=1, remote=" + B + ", local=" + D + "]"),
        // A remote rev equal to the base is no remote change.
        row(A, 2, B, 2, C, BOTH, false, "Upload[path=p, baseRev=2, local=" + B + "]"),
        // Directions.
        row(A, 1, B, NO_REMOTE, null, DOWNLOAD, false, "Skip[path=p, reason=needs upload, not allowed in download mode]"),
        row(A, 1, A, 2, B, UPLOAD, false, "Skip[path=p, reason=needs download, not allowed in upload mode]"),
        row(A, 1, B, NO_REMOTE, null, UPLOAD, false, "Upload[path=p, baseRev=1, local=" + B + "]"),
        row(A, 1, A, 2, B, DOWNLOAD, false, "Download[path=p, rev=2, remote=" + B + "]"),
        row(A, 1, B, NO_REMOTE, null, CHECK, false, "Skip[path=p, reason=would upload]"),
        row(A, 1, A, 2, B, CHECK, false, "Skip[path=p, reason=would download]"),
        row(A, 1, B, 2, C, CHECK, false, "Skip[path=p, reason=conflict]"),
        row(A, 1, B, 2, B, CHECK, false, "Skip[path=p, reason=converged]"),
        // Conflicts in one-way modes: skipped unless forced; forced keeps the loser reachable.
        row(A, 1, B, 2, C, UPLOAD, false, "Skip[path=p, reason=conflict: changed here and on the hub; run a full sync or --force]"),
        row(A, 1, B, 2, C, UPLOAD, true, "Upload[path=p, baseRev=2, local=" + B + "]"),
        row(A, 1, B, 2, C, DOWNLOAD, false, "Skip[path=p, reason=conflict: changed here and on the hub; run a full sync or --force]"),
        row(A, 1, B, 2, C, DOWNLOAD, true, "KeepBoth[path=p, remoteRev=2, remote=" + C + ", local=" + B + "]"),
        row(A, 1, B, 2, GONE, DOWNLOAD, false, "Skip[path=p, reason=needs upload (modified here, deleted on the hub), not allowed in download mode]"),
        row(A, 1, GONE, 2, B, UPLOAD, false, "Skip[path=p, reason=needs download (deleted here, modified on the hub), not allowed in upload mode]"));
  }

  static Arguments row(Version base, long baseRev, Version local, long remoteRev, Version remote, SyncDirection d, boolean force,
      String expected) {
    return Arguments.of(base, baseRev, local, remoteRev, remote, d, force, expected);
  }

  @ParameterizedTest(name = "[{index}] base={0}@{1} local={2} remote={4}@{3} {5} force={6}")
  @MethodSource("rows")
  void decides(Version base, long baseRev, Version local, long remoteRev, Version remote, SyncDirection d, boolean force,
      String expected) {
    PathState s = remoteRev == NO_REMOTE
        ? PathState.localOnly("p", baseRev, base, local)
        : new PathState("p", baseRev, base, local, remoteRev, remote);
    assertEquals(expected, String.valueOf(Reconciler.decide(s, d, force)));
  }
}
