package dev.ferry.daemon.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to do about one file that both this device and the hub changed since their common
 * revision: a value the engine executes, never a decision it makes itself. Every variant keeps
 * both contents reachable (invariant 6), as {@link #outcome} spells out:
 * the remote content is the hub's head revision, so whatever replaces it leaves it in
 * {@code ferry versions}; the local content ends under the name, in a conflict copy, or as a
 * hub revision of its own.
 */
public sealed interface ConflictResolution {

  /** One side of the conflict. */
  enum Side { LOCAL, REMOTE }

  /** Why this resolution: for the log and the run's notes. */
  String reason();

  /**
   * Write {@code merged} under the name and upload it on top of the remote revision. When
   * {@code localRevisionFirst}, first upload the local content on top of the remote revision
   * and the merged content on top of that, so the exact local bytes stay in
   * {@code ferry versions} (chunks are shared, so this costs little more than metadata).
   */
  record UseMerged(byte[] merged, boolean localRevisionFirst, String reason) implements ConflictResolution {
    public UseMerged {
      Objects.requireNonNull(merged, "merged");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof UseMerged u && Arrays.equals(merged, u.merged)
          && localRevisionFirst == u.localRevisionFirst && reason.equals(u.reason);
    }

    @Override
    public int hashCode() {
      return Objects.hash(Arrays.hashCode(merged), localRevisionFirst, reason);
    }

    @Override
    public String toString() {
      return "UseMerged[" + merged.length + " bytes, localRevisionFirst=" + localRevisionFirst + ", reason=" + reason + "]";
    }
  }

  /** The local content stays and is uploaded on top of the remote revision, which stays on the hub. */
  record KeepLocal(String reason) implements ConflictResolution {}

  /**
   * The remote content is written under the name. The local content moves to
   * {@code localCopyName} (a conflict copy, synced like any new file); {@code localCopyName} is
   * null only when the local content already is a revision on the hub.
   */
  record KeepRemote(String localCopyName, String reason) implements ConflictResolution {}

  /**
   * Both contents stay as files: {@code nameSide}'s under the name, the other one as the
   * conflict copy {@code copyName}.
   */
  record KeepBoth(String copyName, Side nameSide, String reason) implements ConflictResolution {
    public KeepBoth {
      Objects.requireNonNull(copyName, "copyName");
      Objects.requireNonNull(nameSide, "nameSide");
    }
  }

  /** Nothing moves: the local content stays, nothing is uploaded, the conflict waits for {@code ferry resolve}. */
  record WaitManual(String reason) implements ConflictResolution {}

  /**
   * Where the contents are once the engine has carried this out, for checking invariant 6:
   * {@code underName} is the file's content, {@code copies} the conflict copies by path, and
   * {@code hubRevisions} the contents that are revisions on the hub (the remote head always is;
   * whatever gets uploaded becomes one).
   */
  default Outcome outcome(byte[] local, byte[] remote, boolean localIsHubRevision) {
    List<byte[]> revisions = new ArrayList<>();
    revisions.add(remote);
    if (localIsHubRevision) revisions.add(local);
    Map<String, byte[]> copies = new LinkedHashMap<>();
    byte[] underName;
    if (this instanceof UseMerged m) {
      if (m.localRevisionFirst()) revisions.add(local);
      underName = m.merged();
      revisions.add(underName);
    } else if (this instanceof KeepLocal) {
      underName = local;
      revisions.add(local);
    } else if (this instanceof KeepRemote k) {
      underName = remote;
      if (k.localCopyName() != null) {
        copies.put(k.localCopyName(), local);
        revisions.add(local); // the copy is uploaded as a new file
      }
    } else if (this instanceof KeepBoth b) {
      underName = b.nameSide() == Side.LOCAL ? local : remote;
      byte[] other = b.nameSide() == Side.LOCAL ? remote : local;
      copies.put(b.copyName(), other);
      revisions.add(underName);
      revisions.add(other);
    } else {
      underName = local;
    }
    return new Outcome(underName, copies, revisions);
  }

  /** See {@link #outcome}. */
  record Outcome(byte[] underName, Map<String, byte[]> copies, List<byte[]> hubRevisions) {
    /** True when {@code content} survives: under the name, in a copy, or as a hub revision. */
    public boolean keeps(byte[] content) {
      if (Arrays.equals(underName, content)) return true;
      for (byte[] c : copies.values()) if (Arrays.equals(c, content)) return true;
      for (byte[] r : hubRevisions) if (Arrays.equals(r, content)) return true;
      return false;
    }
  }
}
