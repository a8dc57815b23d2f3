package dev.ferry.ipc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A short temporary directory under /tmp: a socket path must fit in 107 bytes, which a build
 * directory's @TempDir may not.
 */
final class TempSocketDir implements AutoCloseable {
  final Path root;

  TempSocketDir() throws IOException {
    root = Files.createTempDirectory(Path.of("/tmp"), "ipc");
  }

  /** The socket inside a not-yet-existing "run" directory, so the server creates it. */
  Path socket() {
    return root.resolve("run").resolve("control.sock");
  }

  @Override
  public void close() throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
