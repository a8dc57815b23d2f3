package dev.ferry.ipc.methods;

import java.util.List;

/** {@code versions.list}'s answer, newest first. */
public record VersionsResult(String folder, String path, List<VersionView> versions) {
  public VersionsResult {
    versions = versions == null ? List.of() : List.copyOf(versions);
  }
}
