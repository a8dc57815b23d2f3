package dev.ferry.protocol;

import java.util.List;

/** The revisions of one entry the hub still keeps, newest first. */
public record EntryHistory(String entryId, List<EntryMeta> revisions) {
  public EntryHistory {
    revisions = revisions == null ? List.of() : List.copyOf(revisions);
  }
}
