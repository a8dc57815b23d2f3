package dev.ferry.daemon.core;

/** What reconcile decided for one path. The engine executes; it does not decide. */
public sealed interface Action {
  String path();

  /** Nothing to transfer; record {@code rev} (and the local version) as the new base. */
  record Adopt(String path, long rev, Version version) implements Action {}

  /** Send the local version (or a tombstone when {@code local} is null) on top of {@code baseRev}. */
  record Upload(String path, long baseRev, Version local) implements Action {}

  /** Write the remote version (or delete the local file when {@code remote} is null). */
  record Download(String path, long rev, Version remote) implements Action {}

  /**
   * Both sides changed the same path differently: keep the remote version under the name and
   * the local one as a conflict copy, so neither is lost.
   */
  record KeepBoth(String path, long remoteRev, Version remote, Version local) implements Action {}

  /** A change this run's direction does not allow; reported as pending, nothing touched. */
  record Skip(String path, String reason) implements Action {}
}
