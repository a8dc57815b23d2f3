package dev.ferry.daemon.engine;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.daemon.core.ErrorCategory;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which category a local fault files an item under. */
class SyncFailureTest {
  @TempDir Path dir;

  @Test
  void permissionFaultsArePermissionAndOtherFileSystemFaultsAreDisk() {
    assertEquals(ErrorCategory.PERMISSION, SyncFailure.categoryOf(new AccessDeniedException("f")));
    assertEquals(ErrorCategory.PERMISSION, SyncFailure.categoryOf(new FileSystemException("f", null, "Operation not permitted")));
    assertEquals(ErrorCategory.DISK, SyncFailure.categoryOf(new FileSystemException("f", null, "No space left on device")));
    assertEquals(ErrorCategory.DISK, SyncFailure.categoryOf(new IOException("short write")));
  }

  @Test
  void anImmutableDirectoryIsAPermissionFault() throws Exception {
    Path locked = Files.createDirectories(dir.resolve("locked"));
    assumeTrue(run("chattr", "+i", locked.toString()) == 0, "chattr +i needs root on a file system that has it");
    try {
      IOException e = assertThrows(IOException.class, () -> Files.writeString(locked.resolve("x"), "x"));
      assertEquals(ErrorCategory.PERMISSION, SyncFailure.categoryOf(e), e.toString());
    } finally {
      run("chattr", "-i", locked.toString());
    }
  }

  private static int run(String... cmd) {
    try {
      return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
