package dev.ferry.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the daemon does when both sides changed a file since the last sync (SPEC §3, §4). */
public enum ConflictStrategy {
  /** Three-way merge of JSON and text; falls back to keep-both when a merge is impossible. */
  MERGE("merge"),
  /** Keeps both versions: the remote one under its name, the local one as a conflict copy. */
  KEEP_BOTH("keep-both"),
  /** The version with the later modification time wins. */
  LAST_WRITE_WINS("last-write-wins"),
  LOCAL_WINS("local-wins"),
  REMOTE_WINS("remote-wins"),
  /** Nothing is decided: the conflict waits for {@code ferry resolve}. */
  MANUAL("manual");

  private final String wireName;

  ConflictStrategy(String wireName) {
    this.wireName = wireName;
  }

  /** The spelling used in config.toml, on the command line and in JSON. */
  public String wireName() {
    return wireName;
  }

  /** Parses the config/command-line spelling; empty when it names no strategy. */
  public static Optional<ConflictStrategy> fromWireName(String s) {
    return Arrays.stream(values()).filter(v -> v.wireName.equals(s)).findFirst();
  }

  /** "merge | keep-both | ...": for error messages and help texts. */
  public static String allWireNames() {
    return Arrays.stream(values()).map(ConflictStrategy::wireName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
