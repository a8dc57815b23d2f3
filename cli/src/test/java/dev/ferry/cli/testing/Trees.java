package dev.ferry.cli.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Compares and inspects directory trees the way a user would check them: byte for byte. */
public final class Trees {
  private Trees() {}

  /** Path → description (dir, or size + sha256 + exec bit), ignoring Ferry's own marker and temp files. */
  public static Map<String, String> describe(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String rel = root.relativize(p).toString();
        if (rel.isEmpty() || rel.equals(".ferry") || p.getFileName().toString().startsWith(".ferry-tmp-")) continue;
        if (Files.isDirectory(p)) {
          out.put(rel, "dir");
        } else {
          out.put(rel, Files.size(p) + " " + dev.ferry.daemon.local.ContentHash.ofFile(p) + (Files.isExecutable(p) ? " x" : ""));
        }
      }
    }
    return out;
  }

  public static void assertSame(Path a, Path b) throws IOException {
    Map<String, String> da = describe(a);
    Map<String, String> db = describe(b);
    if (!da.equals(db)) {
      Map<String, String> onlyA = new TreeMap<>(da);
      db.forEach(onlyA::remove);
      Map<String, String> onlyB = new TreeMap<>(db);
      da.forEach(onlyB::remove);
      assertEquals(da.size() + " entries", db.size() + " entries",
          "trees differ; only in " + a + ": " + head(onlyA) + "; only in " + b + ": " + head(onlyB));
      assertEquals(da, db);
    }
  }

  private static String head(Map<String, String> m) {
    return m.entrySet().stream().limit(5).toList().toString();
  }

  /** Text files' contents by path (for small test trees). */
  public static Map<String, String> contents(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p) && Files.size(p) < 4096) out.put(root.relativize(p).toString(), Files.readString(p, StandardCharsets.ISO_8859_1));
      }
    }
    return out;
  }

  public static boolean anyFileContains(Path root, byte[] needle) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p) && indexOf(Files.readAllBytes(p), needle) >= 0) return true;
      }
    }
    return false;
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }

  public static void deleteRecursively(Path root) throws IOException {
    if (root == null || !Files.exists(root)) return;
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  static boolean equalBytes(Path a, Path b) throws IOException {
    return Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
  }
}
