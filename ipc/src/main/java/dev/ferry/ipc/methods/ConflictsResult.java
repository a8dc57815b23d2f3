package dev.ferry.ipc.methods;

import java.util.List;

/** {@code conflicts.list}'s answer, oldest first. */
public record ConflictsResult(List<ConflictView> conflicts) {
  public ConflictsResult {
    conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
  }
}
