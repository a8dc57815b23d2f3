package dev.ferry.daemon.core;

/**
 * Everything reconcile knows about one path: the base (what this device last synced, with the
 * hub rev it came from; {@code baseRev} is 0 when the hub has never had it), the local version
 * now, and the remote head when the change feed brought a newer revision ({@code remoteRev} 0
 * and {@code remote} ignored when it did not). A null version means absent.
 */
public record PathState(
    String path,
    long baseRev,
    Version base,
    Version local,
    long remoteRev,
    Version remote) {

  public boolean remoteChanged() { return remoteRev > baseRev; }

  public static PathState localOnly(String path, long baseRev, Version base, Version local) {
    return new PathState(path, baseRev, base, local, 0, null);
  }
}
