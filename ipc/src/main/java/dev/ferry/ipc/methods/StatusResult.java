package dev.ferry.ipc.methods;

import java.util.List;

/**
 * What {@code ferry status} shows: this device, whether the hub answers, and each folder.
 *
 * @param device the device name
 * @param deviceId the device id the hub knows
 * @param user the account this device belongs to (null from a daemon older than this field),
 *     which the hint to log in again names
 * @param online whether the hub was reachable at the last attempt
 * @param server the hub URL
 * @param problems what is wrong with this device beyond any one folder (its account key file
 *     missing or corrupt, say), one sentence each naming the file and the way out; empty when
 *     none (and from a daemon older than this field)
 */
public record StatusResult(String device, String deviceId, String user, boolean online, String server, List<FolderStatusView> folders,
    List<String> problems) {
  public StatusResult {
    folders = folders == null ? List.of() : List.copyOf(folders);
    problems = problems == null ? List.of() : List.copyOf(problems);
  }

  /** A device without problems of its own. */
  public StatusResult(String device, String deviceId, String user, boolean online, String server, List<FolderStatusView> folders) {
    this(device, deviceId, user, online, server, folders, List.of());
  }
}
