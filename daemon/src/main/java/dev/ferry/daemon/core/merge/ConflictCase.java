package dev.ferry.daemon.core.merge;

import java.time.Instant;
import java.util.Objects;

/**
 * One conflict as the resolver sees it: both sides changed {@code path} since the common
 * revision. {@code ancestor} is that revision's content, or null when there is none (both
 * sides created the file, or the engine could not fetch it). {@code local} and {@code remote}
 * are present files; a deletion against a modification never gets here (the modification wins
 * in {@code Reconciler}).
 *
 * <p>{@code localDevice} and {@code remoteDevice} are device ids (they break ties and order
 * merged items); {@code localDeviceName} labels this device's conflict copies; {@code now}
 * stamps them. {@code localIsHubRevision} says the local content already is a revision on the
 * hub (then it need not be kept as a copy when it loses).
 */
public record ConflictCase(
    String path,
    byte[] ancestor,
    byte[] local,
    byte[] remote,
    Instant localMtime,
    Instant remoteMtime,
    String localDevice,
    String remoteDevice,
    String localDeviceName,
    Instant now,
    boolean localIsHubRevision) {

  public ConflictCase {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(local, "local content (a deleted side is not a content conflict)");
    Objects.requireNonNull(remote, "remote content (a deleted side is not a content conflict)");
    Objects.requireNonNull(localMtime, "localMtime");
    Objects.requireNonNull(remoteMtime, "remoteMtime");
    Objects.requireNonNull(localDevice, "localDevice");
    Objects.requireNonNull(remoteDevice, "remoteDevice");
    Objects.requireNonNull(localDeviceName, "localDeviceName");
    Objects.requireNonNull(now, "now");
  }

  @Override
  public String toString() {
    return "ConflictCase[" + path + ", ancestor=" + (ancestor == null ? "none" : ancestor.length + " bytes")
        + ", local=" + local.length + " bytes @" + localMtime + " by " + localDevice
        + ", remote=" + remote.length + " bytes @" + remoteMtime + " by " + remoteDevice
        + ", localIsHubRevision=" + localIsHubRevision + "]";
  }
}
