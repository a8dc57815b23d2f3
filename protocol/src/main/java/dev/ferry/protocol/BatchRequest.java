package dev.ferry.protocol;

import java.util.List;

/** Many small writes in one request; each is applied (or refused) on its own. */
public record BatchRequest(List<BatchWrite> writes) {
  public BatchRequest {
    writes = writes == null ? List.of() : List.copyOf(writes);
  }
}
