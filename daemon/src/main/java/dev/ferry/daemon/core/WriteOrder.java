package dev.ferry.daemon.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which a run's downloads are handed to its parallel writers. Files of one
 * directory are taken in turn with those of the others, so that concurrent writers work in
 * different directories: creating and renaming in one directory serialises on its lock in the
 * kernel, and contending writers spin there (measured: about half the kernel time of writing
 * 10,000 small files in 100 directories on 4 threads).
 */
public final class WriteOrder {
  private WriteOrder() {}

  /**
   * The same paths, one from each directory in turn, in the order the directories first appear;
   * within a directory the given order is kept.
   */
  public static List<String> acrossDirectories(List<String> paths) {
    Map<String, List<String>> byDir = new LinkedHashMap<>();
    for (String p : paths) {
      int slash = p.lastIndexOf('/');
      byDir.computeIfAbsent(slash < 0 ? "" : p.substring(0, slash), k -> new ArrayList<>()).add(p);
    }
    if (byDir.size() <= 1) return paths;
    List<String> out = new ArrayList<>(paths.size());
    List<List<String>> groups = new ArrayList<>(byDir.values());
    for (int i = 0; out.size() < paths.size(); i++) {
      for (List<String> g : groups) {
        if (i < g.size()) out.add(g.get(i));
      }
    }
    return out;
  }
}
