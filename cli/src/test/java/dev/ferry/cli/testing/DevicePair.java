package dev.ferry.cli.testing;

import dev.ferry.server.testing.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real hub on loopback and two devices of one account, each with the folder "docs", only
 * manual syncs, and its daemon running: the setting most end-to-end tests start from.
 */
public final class DevicePair implements AutoCloseable {
  public final Path base;
  public final TestHub hub;
  public final TestDevice a;
  public final TestDevice b;

  private DevicePair(Path base, TestHub hub, TestDevice a, TestDevice b) {
    this.base = base;
    this.hub = hub;
    this.a = a;
    this.b = b;
  }

  public static DevicePair start(String user) throws Exception {
    Path base = Files.createTempDirectory(Path.of("/tmp"), "ferry-" + user);
    TestHub hub = TestHub.start();
    TestDevice a = TestDevice.create(base, "a").manualOnly();
    TestDevice b = TestDevice.create(base, "b").manualOnly();
    a.init(hub.url().toString(), user, hub.invite());
    b.login(hub.url().toString(), user);
    a.addFolder("docs");
    b.addFolder("docs");
    a.startDaemon();
    b.startDaemon();
    return new DevicePair(base, hub, a, b);
  }

  /** a, b, a: what each side had is on the other afterwards. */
  public void syncBoth() {
    a.sync().expect(0);
    b.sync().expect(0);
    a.sync().expect(0);
  }

  @Override
  public void close() throws Exception {
    a.close();
    b.close();
    hub.close();
    Trees.deleteRecursively(base);
  }
}
