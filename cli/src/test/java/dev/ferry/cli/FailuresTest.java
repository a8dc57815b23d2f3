package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK's file exceptions that carry only a path are described, not printed as a bare path. */
class FailuresTest {
  @TempDir Path dir;

  @Test
  void fileExceptionsThatCarryOnlyAPathAreNamed() throws Exception {
    Path missing = dir.resolve("missing");
    Path file = Files.writeString(dir.resolve("a.txt"), "x");
    Path full = Files.createDirectories(dir.resolve("full"));
    Files.writeString(full.resolve("f"), "x");
    assertEquals("no such file or directory: " + missing, describe(() -> Files.readString(missing)));
    assertEquals("already exists: " + file, describe(() -> Files.createDirectory(file)));
    assertEquals("not a directory: " + file, describe(() -> Files.newDirectoryStream(file).close()));
    assertEquals("directory not empty: " + full, describe(() -> Files.delete(full)));
    // Root is never refused here, so the one the JDK throws for EACCES is made by hand.
    assertEquals("permission denied: " + file, Failures.describe(new AccessDeniedException(file.toString())));
    // One with a reason already reads well, and keeps its message.
    assertEquals(file + ": Is a directory", Failures.describe(new java.nio.file.FileSystemException(file.toString(), null, "Is a directory")));
  }

  @Test
  void outOfFileDescriptorsSaysTheLimitAndHowToRaiseIt() {
    // As the JDK throws EMFILE from a socket or selector: the bare words, somewhere in the chain.
    String said = Failures.describe(new java.io.UncheckedIOException("cannot serve", new IOException("Too many open files")));
    long max = ((com.sun.management.UnixOperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getMaxFileDescriptorCount();
    assertEquals("cannot serve; this process may open at most " + max + " files; raise the limit"
        + " (ulimit -n in the shell that starts ferry, LimitNOFILE= in a systemd unit)", said);
    assertEquals("disk on fire", Failures.describe(new IOException("disk on fire")), "other failures are left as they are");
  }

  private static String describe(org.junit.jupiter.api.function.Executable failing) {
    return Failures.describe(assertThrows(IOException.class, failing));
  }
}
