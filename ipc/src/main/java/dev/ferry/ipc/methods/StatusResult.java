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
 */
public record StatusResult(String device, String deviceId, String user, boolean online, String server, List<FolderStatusView> folders) {
  public StatusResult {
    folders = folders == null ? List.of() : List.copyOf(folders);
  }
}
