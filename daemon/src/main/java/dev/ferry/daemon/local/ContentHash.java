package dev.ferry.daemon.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of plaintext content: the identity of a file's bytes in the index and metadata. */
public final class ContentHash {
  private ContentHash() {}

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  public static String of(byte[] data) {
    return HexFormat.of().formatHex(sha256().digest(data));
  }

  public static String hex(MessageDigest d) {
    return HexFormat.of().formatHex(d.digest());
  }

  /** One read buffer per thread: a scan hashes thousands of files, mostly small ones. */
  private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

  public static String ofFile(Path file) throws IOException {
    MessageDigest d = sha256();
    byte[] buf = BUFFER.get();
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      int n;
      while ((n = in.read(buf)) > 0) d.update(buf, 0, n);
    }
    return hex(d);
  }
}
