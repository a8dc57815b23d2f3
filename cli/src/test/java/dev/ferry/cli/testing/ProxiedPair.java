package dev.ferry.cli.testing;

import dev.ferry.server.testing.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real hub, a {@link GarblingProxy} in front of it, and two devices of one account, each with
 * the folder "docs" and only manual syncs: a talks to the hub directly, b through the proxy.
 * No daemon runs yet.
 */
public final class ProxiedPair implements AutoCloseable {
  public final Path base;
  public final TestHub hub;
  public final GarblingProxy proxy;
  public final TestDevice a;
  public final TestDevice b;

  private ProxiedPair(Path base, TestHub hub, GarblingProxy proxy, TestDevice a, TestDevice b) {
    this.base = base;
    this.hub = hub;
    this.proxy = proxy;
    this.a = a;
    this.b = b;
  }

  public static ProxiedPair start(String user) throws Exception {
    Path base = Files.createTempDirectory(Path.of("/tmp"), "ferry-" + user);
    TestHub hub = TestHub.start();
    GarblingProxy proxy = new GarblingProxy(hub.url());
    TestDevice a = TestDevice.create(base, "a").manualOnly();
    TestDevice b = TestDevice.create(base, "b").manualOnly();
    a.init(hub.url().toString(), user, hub.invite());
    b.login(proxy.url().toString(), user);
    a.addFolder("docs");
    b.addFolder("docs");
    return new ProxiedPair(base, hub, proxy, a, b);
  }

  @Override
  public void close() throws Exception {
    a.close();
    b.close();
    proxy.close();
    hub.close();
    Trees.deleteRecursively(base);
  }
}
