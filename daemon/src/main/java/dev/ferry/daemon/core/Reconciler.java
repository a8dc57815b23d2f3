package dev.ferry.daemon.core;

import java.util.Objects;

/**
 * Decides, for one path, what a sync run does given base, local and remote. Pure: the same
 * inputs always give the same action, on every device, so two devices that see the same
 * conflict resolve it the same way.
 *
 * <p>Rules: an unchanged side yields to the changed one; equal changes converge without a
 * transfer; a modification beats a deletion (nothing is lost); two different modifications
 * keep both. The direction limits what may be done: a change that needs the forbidden side is
 * skipped (it stays pending), and {@code force} makes the allowed side win a conflict.
 */
public final class Reconciler {
  private Reconciler() {}

  public static Action decide(PathState s, SyncDirection direction, boolean force) {
    boolean localChanged = !Objects.equals(s.base(), s.local());
    boolean remoteChanged = s.remoteChanged();
    Version remote = remoteChanged ? s.remote() : s.base();
    long remoteRev = remoteChanged ? s.remoteRev() : s.baseRev();

    if (!localChanged && !remoteChanged) return null;
    if (localChanged && !remoteChanged) {
      return direction.pushes()
          ? new Action.Upload(s.path(), s.baseRev(), s.local())
          : skip(s, direction, "upload");
    }
    if (!localChanged) {
      return direction.pulls()
          ? new Action.Download(s.path(), remoteRev, remote)
          : skip(s, direction, "download");
    }
    // Both sides changed since the base.
    if (Objects.equals(s.local(), remote)) {
      return direction == SyncDirection.CHECK ? new Action.Skip(s.path(), "converged") : new Action.Adopt(s.path(), remoteRev, remote);
    }
    if (remote == null) {
      // Deleted remotely, modified locally: the modification wins and comes back.
      return direction.pushes()
          ? new Action.Upload(s.path(), remoteRev, s.local())
          : skip(s, direction, "upload (modified here, deleted on the hub)");
    }
    if (s.local() == null) {
      // Deleted locally, modified remotely: the modification wins.
      return direction.pulls()
          ? new Action.Download(s.path(), remoteRev, remote)
          : skip(s, direction, "download (deleted here, modified on the hub)");
    }
    if (remote.isDir() && s.local().isDir()) {
      return direction == SyncDirection.CHECK ? new Action.Skip(s.path(), "converged") : new Action.Adopt(s.path(), remoteRev, remote);
    }
    switch (direction) {
      case UPLOAD:
        return force ? new Action.Upload(s.path(), remoteRev, s.local())
            : new Action.Skip(s.path(), "conflict: changed here and on the hub; run a full sync or --force");
      case DOWNLOAD:
        // Remote wins, but the local content is kept as a conflict copy: no strategy loses data.
        return force ? new Action.KeepBoth(s.path(), remoteRev, remote, s.local())
            : new Action.Skip(s.path(), "conflict: changed here and on the hub; run a full sync or --force");
      case CHECK:
        return new Action.Skip(s.path(), "conflict");
      default:
        return new Action.KeepBoth(s.path(), remoteRev, remote, s.local());
    }
  }

  private static Action skip(PathState s, SyncDirection direction, String what) {
    return new Action.Skip(s.path(), direction == SyncDirection.CHECK
        ? "would " + what
        : "needs " + what + ", not allowed in " + direction.wireName() + " mode");
  }
}
