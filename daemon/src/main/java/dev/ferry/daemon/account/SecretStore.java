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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code secrets/} directory (0700, files 0600): the device credentials, the account KEK
 * (so the daemon runs unattended without the password) and the folder keys. Files are written
 * atomically with their final mode from the start, so a secret is never readable by others.
 */
public final class SecretStore {
  private static final String DEVICE = "device.json";
  private static final String KEK = "account.kek";
  /** The KEK and every folder key are 256-bit keys. */
  private static final int KEY_BYTES = 32;
  private static final Logger log = LoggerFactory.getLogger(SecretStore.class);

  private final Path dir;

  public SecretStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() { return dir; }

  /**
   * The device credentials, empty when this device was never set up. A file that exists but
   * cannot be used (not JSON, a field missing) is an {@link AuthFailure} naming the file and the
   * way out, never taken for "not set up" nor left to fail later as something else.
   */
  public Optional<DeviceCredentials> device() throws IOException {
    Optional<byte[]> raw = read(DEVICE);
    if (raw.isEmpty()) return Optional.empty();
    DeviceCredentials c;
    try {
      c = Json.readLenient(DeviceCredentials.class, new String(raw.get(), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw broken(DEVICE, "not valid JSON", null);
    }
    for (String[] field : new String[][] {{"server", c.server()}, {"user", c.user()}, {"deviceId", c.deviceId()},
        {"token", c.token()}}) {
      if (field[1] == null || field[1].isBlank()) throw broken(DEVICE, "its " + field[0] + " is missing", null);
    }
    return Optional.of(c);
  }

  public DeviceCredentials requireDevice() throws IOException {
    return device().orElseThrow(() -> new NotSetUpException(
        "this device is not set up: run 'ferry init' (new account) or 'ferry login' (existing account)"));
  }

  public void saveDevice(DeviceCredentials c) throws IOException {
    write(DEVICE, Json.write(DeviceCredentials.class, c).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The account key-encryption key, empty when the file is missing. A file that is not base64 of
   * 32 bytes is an {@link AuthFailure} naming it: used as it is, it failed later as a wrong key
   * of the hub's, or wrapped a new folder key that no other device could open.
   */
  public Optional<byte[]> kek() throws IOException {
    Optional<byte[]> raw = read(KEK);
    if (raw.isEmpty()) return Optional.empty();
    byte[] kek;
    try {
      kek = Base64.getDecoder().decode(new String(raw.get(), StandardCharsets.US_ASCII).trim());
    } catch (IllegalArgumentException e) {
      throw broken(KEK, "not base64", hintDevice());
    }
    if (kek.length != KEY_BYTES) throw broken(KEK, kek.length + " bytes, not " + KEY_BYTES, hintDevice());
    return Optional.of(kek);
  }

  public byte[] requireKek() throws IOException {
    Optional<byte[]> kek = kek();
    if (kek.isPresent()) return kek.get();
    throw new AuthFailure("the account key " + dir.resolve(KEK) + " is missing; " + loginAgain(hintDevice()));
  }

  /**
   * What is wrong with the secrets of a device that is set up, one sentence each naming the
   * file and the way out (empty when all is well, or when the device was never set up): what
   * {@code ferry status} and the daemon's log show.
   */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    DeviceCredentials device;
    try {
      device = device().orElse(null);
    } catch (IOException e) {
      out.add(e.getMessage());
      return out;
    }
    if (device == null) return out;
    try {
      requireKek();
    } catch (IOException e) {
      out.add(e.getMessage());
    }
    return out;
  }

  /** The account key's file, which {@code ferry login} writes again from the password. */
  public Path kekFile() { return dir.resolve(KEK); }

  /** The device credentials' file. */
  public Path deviceFile() { return dir.resolve(DEVICE); }

  private AuthFailure broken(String name, String why, DeviceCredentials device) {
    String what = name.equals(KEK) ? "the account key " : "the device credentials ";
    return new AuthFailure(what + dir.resolve(name) + " cannot be used (" + why + "); " + loginAgain(device));
  }

  /** The credentials for a hint, or null when they cannot be read (their own error says so). */
  private DeviceCredentials hintDevice() {
    try {
      return device().orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** The way out: the account key comes from the password; lost credentials need a new device. */
  private static String loginAgain(DeviceCredentials device) {
    if (device == null) {
      return "log this device in again with 'ferry login --server URL --user NAME' (it registers it as a new device)";
    }
    return "run 'ferry login --server " + device.server() + " --user " + device.user()
        + "' with the account's password to write it again";
  }

  public void saveKek(byte[] kek) throws IOException {
    write(KEK, Base64.getEncoder().encode(kek));
  }

  /**
   * The folder's key kept here; empty when there is none, and also when its file cannot be used
   * (not base64 of 32 bytes): the hub keeps the key wrapped, so {@link FolderKeys} fetches it
   * again and rewrites the file.
   */
  public Optional<byte[]> folderKey(String folderId) throws IOException {
    Optional<byte[]> raw = read(folderKeyName(folderId));
    if (raw.isEmpty()) return Optional.empty();
    try {
      byte[] key = Base64.getDecoder().decode(new String(raw.get(), StandardCharsets.US_ASCII).trim());
      if (key.length == KEY_BYTES) return Optional.of(key);
    } catch (IllegalArgumentException e) {
      // reported below
    }
    log.warn("the key file {} of folder {} cannot be used; fetching the folder's key from the hub again",
        dir.resolve(folderKeyName(folderId)), folderId);
    return Optional.empty();
  }

  private static String folderKeyName(String folderId) {
    return "folders/" + folderId + ".key";
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
