package dev.ferry.daemon.core.merge;

import java.util.List;

/**
 * What a JSON merge needs beyond the three texts: the device ids of the two sides (they order
 * items both sides added, so every device produces the same bytes) and the field names, tried
 * in order, that carry an item's timestamp.
 */
public record MergeOptions(String localDevice, String remoteDevice, List<String> timestampFields) {

  public static final List<String> DEFAULT_TIMESTAMP_FIELDS =
      List.of("timestamp", "ts", "time", "created_at", "createdAt", "date");

  public MergeOptions {
    if (localDevice == null || remoteDevice == null) throw new IllegalArgumentException("merge options: device ids are required");
    timestampFields = List.copyOf(timestampFields);
  }

  public static MergeOptions of(String localDevice, String remoteDevice) {
    return new MergeOptions(localDevice, remoteDevice, DEFAULT_TIMESTAMP_FIELDS);
  }

  /** The same options seen from the other device. */
  public MergeOptions swapped() {
    return new MergeOptions(remoteDevice, localDevice, timestampFields);
  }
}
