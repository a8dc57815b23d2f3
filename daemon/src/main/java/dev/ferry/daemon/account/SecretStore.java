package dev.ferry.daemon.account;

import dev.ferry.protocol.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@code secrets/} directory (0700, files 0600): the device credentials, the account KEK
 * (so the daemon runs unattended without the password) and the folder keys. Files are written
 * atomically with their final mode from the start, so a secret is never readable by others.
 */
public final class SecretStore {
  private static final String DEVICE = "device.json";
  private static final String KEK = "account.kek";

  private final Path dir;

  public SecretStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() { return dir; }

  public Optional<DeviceCredentials> device() throws IOException {
    return read(DEVICE).map(b -> Json.readLenient(DeviceCredentials.class, new String(b, StandardCharsets.UTF_8)));
  }

  public DeviceCredentials requireDevice() throws IOException {
    return device().orElseThrow(() -> new NotSetUpException(
        "this device is not set up: run 'ferry init' (new account) or 'ferry login' (existing account)"));
  }

  public void saveDevice(DeviceCredentials c) throws IOException {
    write(DEVICE, Json.write(DeviceCredentials.class, c).getBytes(StandardCharsets.UTF_8));
  }

  public Optional<byte[]> kek() throws IOException {
    return read(KEK).map(b -> Base64.getDecoder().decode(new String(b, StandardCharsets.US_ASCII).trim()));
  }

  public byte[] requireKek() throws IOException {
    return kek().orElseThrow(() -> new NotSetUpException("no account key on this device: run 'ferry login'"));
  }

  public void saveKek(byte[] kek) throws IOException {
    write(KEK, Base64.getEncoder().encode(kek));
  }

  public Optional<byte[]> folderKey(String folderId) throws IOException {
    return read("folders/" + folderId + ".key").map(b -> Base64.getDecoder().decode(new String(b, StandardCharsets.US_ASCII).trim()));
  }

  public void saveFolderKey(String folderId, byte[] key) throws IOException {
    write("folders/" + folderId + ".key", Base64.getEncoder().encode(key));
  }

  public void deleteFolderKey(String folderId) throws IOException {
    Files.deleteIfExists(dir.resolve("folders/" + folderId + ".key"));
  }

  private Optional<byte[]> read(String name) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(dir.resolve(name)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private void write(String name, byte[] data) throws IOException {
    Path target = dir.resolve(name);
    Path parent = target.getParent();
    ensurePrivateDir(dir);
    ensurePrivateDir(parent);
    Path tmp = parent.resolve("." + target.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(data));
      ch.force(true);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void ensurePrivateDir(Path d) throws IOException {
    if (!Files.isDirectory(d)) {
      Files.createDirectories(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
  }

  /** The device has no account yet; the message says which command fixes it. */
  public static final class NotSetUpException extends IOException {
    private static final long serialVersionUID = 1L;

    public NotSetUpException(String message) {
      super(message);
    }
  }
}
