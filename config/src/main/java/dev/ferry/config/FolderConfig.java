package dev.ferry.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One {@code [[folder]]}: the folder id (the same on every device), its absolute local path,
 * an optional conflict strategy overriding {@code [sync]} ({@code null}: inherit), and extra
 * ignore patterns in gitignore syntax.
 */
public record FolderConfig(String id, Path path, ConflictStrategy conflictStrategy, List<String> ignore) {
  public FolderConfig {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(path, "path");
    ignore = ignore == null ? List.of() : List.copyOf(ignore);
  }

  /** The strategy in force for this folder: its own, else the config's {@code [sync]} one. */
  public ConflictStrategy effectiveStrategy(FerryConfig config) {
    return conflictStrategy != null ? conflictStrategy : config.sync().conflictStrategy();
  }
}
