package dev.ferry.server;

import java.time.Duration;

/**
 * How many old revisions the hub keeps: at least the last {@code keepRevisions} of every entry
 * AND every revision younger than {@code keepFor}. The head is always kept.
 */
public record Retention(int keepRevisions, Duration keepFor) {
  public static final Retention DEFAULT = new Retention(10, Duration.ofDays(30));

  public Retention {
    if (keepRevisions < 1) throw new IllegalArgumentException("keepRevisions must be at least 1, got " + keepRevisions);
    if (keepFor == null || keepFor.isNegative()) throw new IllegalArgumentException("keepFor must be zero or positive");
  }
}
