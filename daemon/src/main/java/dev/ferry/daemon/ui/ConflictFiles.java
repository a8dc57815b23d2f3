package dev.ferry.daemon.ui;

import dev.ferry.config.FolderConfig;
import dev.ferry.daemon.Folders;
import dev.ferry.daemon.local.ContentHash;
import dev.ferry.daemon.local.FolderWriter;
import dev.ferry.daemon.local.UnsafePathException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the versions of a recorded conflict that are on disk, for showing them: the file under
 * the name and, for a conflict copy, the copy beside it. It never writes: resolving goes through
 * {@code conflicts.resolve}, like {@code ferry resolve}.
 */
final class ConflictFiles {
  /** Files larger than this are compared by size and hash only. */
  static final long MAX_SHOWN = 1024 * 1024;

  /** One side: {@code text} is null when the file is absent, binary or too large to show. */
  record Side(String path, boolean exists, long size, String hash, String text) {}

  private final Folders folders;

  ConflictFiles(Folders folders) {
    this.folders = folders;
  }

  Path root(String folder) throws Exchange.BadRequest {
    FolderConfig f = folders.configs().get(folder);
    if (f == null) throw new Exchange.BadRequest("no folder '" + folder + "' is configured");
    return f.path();
  }

  /** Where {@code rel} is on disk: inside the folder, never through a symlink. */
  Path absolute(String folder, String rel) throws IOException {
    try {
      return new FolderWriter(root(folder)).resolveSafe(rel);
    } catch (UnsafePathException e) {
      // A form's path is the request's to get right: a 400 that says so, not a dropped connection.
      throw new Exchange.BadRequest(e.getMessage());
    }
  }

  Side read(String folder, String rel) throws IOException {
    Path p = absolute(folder, rel);
    if (!Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return new Side(rel, false, 0, null, null);
    long size = Files.size(p);
    String hash = ContentHash.ofFile(p);
    if (size > MAX_SHOWN) return new Side(rel, true, size, hash, null);
    byte[] bytes = Files.readAllBytes(p);
    return new Side(rel, true, size, hash, textOrNull(bytes));
  }

  static String textOrNull(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) return null;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
