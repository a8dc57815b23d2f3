package dev.ferry.config;

import java.util.Objects;

/** {@code [sync]}: settings every folder inherits unless its {@code [[folder]]} overrides them. */
public record SyncSettings(ConflictStrategy conflictStrategy) {
  public static final SyncSettings DEFAULTS = new SyncSettings(ConflictStrategy.MERGE);

  public SyncSettings {
    Objects.requireNonNull(conflictStrategy, "conflictStrategy");
  }
}
