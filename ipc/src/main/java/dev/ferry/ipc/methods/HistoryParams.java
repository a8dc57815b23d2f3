package dev.ferry.ipc.methods;

/**
 * {@code history.list}'s request.
 *
 * @param folder the folder id, or null for every folder
 * @param limit how many runs, newest first; 0 means {@link #DEFAULT_LIMIT}, at most {@link #MAX_LIMIT}
 */
public record HistoryParams(String folder, int limit) {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 1000;

  /** The limit with the default applied. */
  public int limitOrDefault() {
    return limit == 0 ? DEFAULT_LIMIT : limit;
  }
}
