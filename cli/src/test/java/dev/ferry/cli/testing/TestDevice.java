package dev.ferry.cli.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ferry.cli.Main;
import dev.ferry.config.FerryLocations;
import dev.ferry.ipc.DaemonNotRunningException;
import dev.ferry.ipc.RpcClient;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.ShutdownParams;
import dev.ferry.ipc.methods.ShutdownResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One device for end-to-end tests: its own FERRY_HOME (via --home) and folder, driven through
 * the real command line, with its daemon running in this JVM on a thread.
 */
public final class TestDevice implements AutoCloseable {
  public static final String PASSWORD = "correct horse battery staple";

  /** What a command printed and returned. */
  public record Result(int code, String out, String err) {
    public Result expect(int wanted) {
      assertEquals(wanted, code, "exit code; stdout:\n" + out + "\nstderr:\n" + err);
      return this;
    }
  }

  private final String name;
  private final Path home;
  private final Path folder;
  private final Path passwordFile;
  private Thread daemon;
  private volatile Result foreground;

  private TestDevice(String name, Path home, Path folder, Path passwordFile) {
    this.name = name;
    this.home = home;
    this.folder = folder;
    this.passwordFile = passwordFile;
  }

  /** Homes go under /tmp with a short name: the control socket path must stay under 108 bytes. */
  public static TestDevice create(Path base, String name) throws IOException {
    Path home = Files.createDirectories(base.resolve(name));
    Path folder = Files.createDirectories(base.resolve(name + "-docs"));
    Path pw = home.resolve("password.txt");
    Files.writeString(pw, PASSWORD + "\n");
    return new TestDevice(name, home, folder, pw);
  }

  /**
   * Turns the automatic triggers off (startup, periodic, watch, real-time), so that only the
   * test's own {@code ferry sync} calls move data: for tests that check what one run does.
   */
  public TestDevice manualOnly() throws IOException {
    return realtimeOnly("enabled = false\n");
  }

  /**
   * Like {@link #manualOnly}, with the real-time trigger set by {@code realtime} (the lines of
   * its {@code [triggers.realtime]} table): for tests of what the event stream starts.
   */
  public TestDevice realtimeOnly(String realtime) throws IOException {
    Files.writeString(home.resolve("config.toml"), """
        [triggers.startup]
        enabled = false
        [triggers.periodic]
        enabled = false
        [triggers.watch]
        enabled = false
        [triggers.realtime]
        """ + realtime);
    return this;
  }

  public Path home() { return home; }

  public Path folder() { return folder; }

  public String name() { return name; }

  public FerryLocations locations() { return FerryLocations.fromEnvironment(home); }

  /** Runs {@code ferry VERB --home HOME ARGS...}; verbs with a sub-verb pass it in {@code verb}, e.g. "folder add". */
  public Result ferry(String verb, String... args) {
    List<String> all = new ArrayList<>(List.of(verb.split(" ")));
    all.add("--home");
    all.add(home.toString());
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  public void init(String server, String user, String invite) {
    ferry("init", "--server", server, "--user", user, "--invite", invite, "--password-file", passwordFile.toString(),
        "--device-name", name).expect(0);
  }

  public void login(String server, String user) {
    ferry("login", "--server", server, "--user", user, "--password-file", passwordFile.toString(), "--device-name", name)
        .expect(0);
  }

  public void addFolder(String id) {
    ferry("folder add", id, folder.toString()).expect(0);
  }

  public void startDaemon() throws InterruptedException {
    startForeground("daemon");
  }

  /**
   * Runs a verb that serves this home's control socket in the foreground ({@code daemon},
   * {@code quickstart}) on a thread, and returns once the socket serves; {@link #stopDaemon}
   * stops it, and {@link #foregroundResult} then says what it printed and returned.
   */
  public void startForeground(String verb, String... args) throws InterruptedException {
    foreground = null; // a restarted device: the previous run's result says nothing about this one
    daemon = new Thread(() -> foreground = ferry(verb, args), "test-" + verb + "-" + name);
    daemon.setDaemon(true);
    daemon.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      Result ended = foreground;
      if (ended != null) fail(verb + " " + name + " exited with " + ended.code() + "; stderr:\n" + ended.err());
      try (RpcClient c = RpcClient.connect(locations().socketPath())) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    fail(verb + " " + name + " did not serve its socket in 30 s");
  }

  /** What the verb {@link #startForeground} started printed and returned; null while it runs. */
  public Result foregroundResult() {
    return foreground;
  }

  public void stopDaemon() throws Exception {
    if (daemon == null) return;
    try (RpcClient c = RpcClient.connect(locations().socketPath())) {
      c.call(Methods.SHUTDOWN, new ShutdownParams(), ShutdownResult.class);
    } catch (DaemonNotRunningException gone) {
      // already stopped
    } catch (IOException closing) {
      // the daemon may hang up while it stops, before the answer is written: it is stopping either way
    }
    daemon.join(60_000);
    daemon = null;
  }

  /** {@code ferry sync} with the given extra args; returns the result (not asserted). */
  public Result sync(String... args) {
    return ferry("sync", args);
  }

  @Override
  public void close() throws Exception {
    stopDaemon();
  }
}
