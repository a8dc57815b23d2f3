package dev.ferry.protocol;

import java.util.List;

/** Results in the order of the request's writes. */
public record BatchResponse(List<BatchResult> results) {
  public BatchResponse {
    results = results == null ? List.of() : List.copyOf(results);
  }
}
