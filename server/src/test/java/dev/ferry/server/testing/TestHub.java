package dev.ferry.server.testing;

import dev.ferry.protocol.CreateAccountRequest;
import dev.ferry.protocol.Json;
import dev.ferry.protocol.KdfParams;
import dev.ferry.protocol.SessionRequest;
import dev.ferry.protocol.SessionResponse;
import dev.ferry.server.Hub;
import dev.ferry.server.HubOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.UnaryOperator;

/**
 * A real hub for tests: a temporary data directory, a free loopback port, helpers that create
 * accounts and device tokens. Close it to stop the hub and delete the directory.
 *
 * <pre>{@code
 * try (TestHub hub = TestHub.start()) {
 *   TestHub.Login alice = hub.createAccount("alice");
 *   hub.http().get("/v1/devices").token(alice.token()).send();
 * }
 * }</pre>
 */
public final class TestHub implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dataDir;
  private final boolean ownsDir;
  private final HubOptions options;
  private Hub hub;
  private TestHttp http;

  /** An account's user name and auth key (base64) and one logged-in device. */
  public record Login(String user, String authKey, String deviceId, String token) {}

  private TestHub(Path dataDir, boolean ownsDir, HubOptions options) {
    this.dataDir = dataDir;
    this.ownsDir = ownsDir;
    this.options = options;
    this.hub = Hub.start(options);
    this.http = new TestHttp(hub.url());
  }

  /** A hub with default options on a free port and a fresh temporary directory. */
  public static TestHub start() {
    return start(o -> o);
  }

  /** Like {@link #start()} with options adjusted (the data dir and port are set already). */
  public static TestHub start(UnaryOperator<HubOptions> adjust) {
    try {
      Path dir = Files.createTempDirectory("ferry-hub-test");
      return new TestHub(dir, true, adjust.apply(HubOptions.defaults(dir).withPort(0)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A hub on a PostgreSQL database (other hubs may share it), e.g. one from {@link TestPostgres#newDatabase}. */
  public static TestHub startOnPostgres(String databaseUrl, UnaryOperator<HubOptions> adjust) {
    return start(o -> adjust.apply(o.withDatabase(databaseUrl)));
  }

  /** A hub on an existing data directory (which this fixture will not delete). */
  public static TestHub startOn(Path dataDir, UnaryOperator<HubOptions> adjust) {
    return new TestHub(dataDir, false, adjust.apply(HubOptions.defaults(dataDir).withPort(0)));
  }

  public Hub hub() { return hub; }

  public URI url() { return hub.url(); }

  public Path dataDir() { return dataDir; }

  public TestHttp http() { return http; }

  /** Stops the hub and starts it again on the same data directory (on a new free port). */
  public void restart() {
    hub.close();
    hub = Hub.start(options.withPort(0));
    http = new TestHttp(hub.url());
  }

  /** A fresh one-time invite code. */
  public String invite() {
    return Hub.createInvite(options);
  }

  /** Creates an account (with an invite) and logs one device in. */
  public Login createAccount(String user) {
    return createAccount(user, invite());
  }

  /** Creates an account with the given invite code (null for none) and logs one device in. */
  public Login createAccount(String user, String inviteCode) {
    String authKey = Base64.getEncoder().encodeToString(random(32));
    KdfParams kdf = new KdfParams(KdfParams.ARGON2ID, Base64.getEncoder().encodeToString(random(16)), 65536, 3, 1);
    var r = http.post("/v1/accounts")
        .json(Json.write(CreateAccountRequest.class, new CreateAccountRequest(user, authKey, kdf, inviteCode))).send();
    if (r.status() != 201) throw new IllegalStateException("account creation answered " + r.status() + ": " + r.body());
    return login(user, authKey, "device-1");
  }

  /** Logs another device in to an existing account. */
  public Login login(String user, String authKey, String deviceName) {
    var r = http.post("/v1/sessions")
        .json(Json.write(SessionRequest.class, new SessionRequest(user, authKey, deviceName))).send();
    if (r.status() != 201) throw new IllegalStateException("login answered " + r.status() + ": " + r.body());
    SessionResponse s = Json.readLenient(SessionResponse.class, r.body());
    return new Login(user, authKey, s.deviceId(), s.token());
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  @Override
  public void close() {
    hub.close();
    if (ownsDir) deleteTree(dataDir);
  }

  private static void deleteTree(Path dir) {
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
