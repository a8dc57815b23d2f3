package dev.ferry.ipc.methods;

import java.util.List;

/**
 * {@code pause}'s and {@code resume}'s answer.
 *
 * @param folders the folders the call applied to
 * @param paused whether they are paused now
 */
public record PauseResult(List<String> folders, boolean paused) {
  public PauseResult {
    folders = folders == null ? List.of() : List.copyOf(folders);
  }
}
