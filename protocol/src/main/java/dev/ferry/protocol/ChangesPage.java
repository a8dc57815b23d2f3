package dev.ferry.protocol;

import java.util.List;

/**
 * A page of the change feed: entry heads with seq greater than the request's {@code since}, in
 * seq order. {@code more} says another page follows; resume with the last entry's seq.
 */
public record ChangesPage(List<EntryMeta> changes, long headSeq, boolean more) {
  public ChangesPage {
    changes = changes == null ? List.of() : List.copyOf(changes);
  }
}
