package dev.ferry.daemon.ui;

import dev.ferry.config.FolderConfig;
import dev.ferry.daemon.Folders;
import dev.ferry.daemon.local.ContentHash;
import dev.ferry.daemon.local.FolderScanner;
import dev.ferry.daemon.local.FolderWriter;
import dev.ferry.daemon.local.LocalFile;
import dev.ferry.daemon.local.StateDb;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The two files of a recorded conflict, as they are on disk: the one under the name (the hub's
 * version, which took the name when the conflict happened) and the conflict copy beside it (this
 * device's version). Resolving changes them only through {@link FolderWriter}, whose writes are
 * atomic and refuse to replace a file that changed since it was read; the next run then carries
 * the outcome to the hub like any edit.
 *
 * <p>Only conflicts recorded in the {@code conflicts} table can be resolved: a forged form
 * naming any other file is refused, so the dashboard cannot be used to overwrite arbitrary
 * files.
 */
final class ConflictFiles {
  /** Files larger than this are compared by size and hash only. */
  static final long MAX_SHOWN = 1024 * 1024;

  /** What a person chose. */
  enum Choice {
    /** This device's version (the copy) takes the name; the copy goes. */
    KEEP_LOCAL("local", "Keep local"),
    /** The hub's version (under the name) stays; the copy goes. */
    KEEP_REMOTE("remote", "Keep remote"),
    /** Both files stay as they are; the conflict is marked as seen. */
    KEEP_BOTH("both", "Keep both");

    final String wire;
    final String label;

    Choice(String wire, String label) {
      this.wire = wire;
      this.label = label;
    }

    static Choice parse(String s) throws Exchange.BadRequest {
      for (Choice c : values()) {
        if (c.wire.equals(s)) return c;
      }
      throw new Exchange.BadRequest("unknown resolution '" + s + "': use local, remote or both");
    }
  }

  /** One side: {@code text} is null when the file is absent, binary or too large to show. */
  record Side(String path, boolean exists, long size, String hash, String text) {}

  private final Folders folders;
  private final StateDb db;

  ConflictFiles(Folders folders, StateDb db) {
    this.folders = folders;
    this.db = db;
  }

  Path root(String folder) throws Exchange.BadRequest {
    FolderConfig f = folders.configs().get(folder);
    if (f == null) throw new Exchange.BadRequest("no folder '" + folder + "' is configured");
    return f.path();
  }

  Side read(String folder, String rel) throws IOException {
    Path p = new FolderWriter(root(folder)).resolveSafe(rel);
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

  boolean recorded(String folder, String path, String copy) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("SELECT 1 FROM conflicts WHERE folder = ? AND path = ? AND copy_path = ?")) {
      ps.setString(1, folder);
      ps.setString(2, path);
      ps.setString(3, copy);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Applies {@code choice} to the files and forgets the conflict. Throws {@link
   * dev.ferry.daemon.local.LocalChangedException} (an IOException) when either file changed
   * since it was read for this: nothing is lost, the person looks again.
   */
  void resolve(String folder, String path, String copy, Choice choice) throws IOException, SQLException {
    if (!recorded(folder, path, copy)) {
      throw new Exchange.BadRequest("no conflict on " + path + " with copy " + copy + " is recorded in folder " + folder);
    }
    Path root = root(folder);
    FolderWriter writer = new FolderWriter(root);
    LocalFile named = FolderScanner.stat(root, path, null);
    LocalFile local = FolderScanner.stat(root, copy, null);
    switch (choice) {
      case KEEP_LOCAL -> {
        if (local == null) throw new IOException("the conflict copy " + copy + " is gone; nothing to keep");
        Path from = writer.resolveSafe(copy);
        writer.writeFile(path, out -> Files.copy(from, out), local.hash(), local.executable(), 0, named);
        writer.deleteFile(copy, local);
      }
      case KEEP_REMOTE -> {
        if (local != null) writer.deleteFile(copy, local);
      }
      case KEEP_BOTH -> {
        // Both files stay; only the record goes.
      }
    }
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("DELETE FROM conflicts WHERE folder = ? AND path = ? AND copy_path = ?")) {
      ps.setString(1, folder);
      ps.setString(2, path);
      ps.setString(3, copy);
      ps.executeUpdate();
    }
  }

  /** A short description for a flash message. */
  static String describe(Choice c, String path, String copy) {
    return switch (c) {
      case KEEP_LOCAL -> path + " now holds this device's version; " + copy + " was removed.";
      case KEEP_REMOTE -> path + " keeps the hub's version; " + copy + " was removed.";
      case KEEP_BOTH -> "Kept both " + path + " and " + copy + ".";
    };
  }
}
