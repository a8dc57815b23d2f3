package dev.ferry.protocol;

import java.util.List;

/** A list of chunk ids: the body of {@code chunks/missing} and of its answer. */
public record ChunkIds(List<String> ids) {
  public ChunkIds {
    ids = ids == null ? List.of() : List.copyOf(ids);
  }
}
