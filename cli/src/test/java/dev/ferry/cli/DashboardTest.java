package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.cli.testing.Browser;
import dev.ferry.cli.testing.TestDevice;
import dev.ferry.cli.testing.Trees;
import dev.ferry.ipc.RpcClient;
import dev.ferry.ipc.methods.ConflictView;
import dev.ferry.ipc.methods.ConflictsParams;
import dev.ferry.ipc.methods.ConflictsResult;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.StatusParams;
import dev.ferry.ipc.methods.StatusResult;
import dev.ferry.server.testing.TestHub;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The dashboard against a real hub and two real daemons: what it refuses (checked over raw
 * sockets, no browser needed), and, in headless Chromium, a folder going through its states, a
 * two-device conflict resolved from the page, and every page at desktop and phone width.
 * Screenshots go to {@code target/ui-screenshots/} for a reviewer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardTest {
  static final Path SHOTS = Path.of("target", "ui-screenshots");
  static final List<String> RUN_PHASES = List.of("CHECKING", "DOWNLOADING", "RESOLVING", "UPLOADING");

  TestHub hub;
  TestDevice a;
  TestDevice b;
  Path base;
  Browser browser;

  @BeforeAll
  void start() throws Exception {
    base = Files.createTempDirectory(Path.of("/tmp"), "ferry-ui");
    hub = TestHub.start();
    a = TestDevice.create(base, "a");
    b = TestDevice.create(base, "b");
    a.init(hub.url().toString(), "alice", hub.invite());
    b.login(hub.url().toString(), "alice");
    a.addFolder("docs");
    b.addFolder("docs");
    a.startDaemon();
    b.startDaemon();
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) browser.close();
    if (a != null) a.close();
    if (b != null) b.close();
    if (hub != null) hub.close();
    if (base != null) Trees.deleteRecursively(base);
  }

  static URI signIn(TestDevice d) {
    String out = d.ferry("ui", "--no-open").expect(0).out();
    return URI.create(out.lines().findFirst().orElseThrow().strip());
  }

  /** A raw HTTP/1.1 exchange, so the Host header is exactly what the test says. */
  record Raw(int status, String head, String body) {
    String header(String name) {
      Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*)$").matcher(head);
      return m.find() ? m.group(1).strip() : null;
    }
  }

  static Raw raw(int port, String method, String path, String host, String cookie, String origin, String form)
      throws IOException {
    StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
    if (cookie != null) req.append("Cookie: ").append(cookie).append("\r\n");
    if (origin != null) req.append("Origin: ").append(origin).append("\r\n");
    byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
    if (form != null) {
      req.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(body.length).append("\r\n");
    }
    req.append("\r\n");
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      InputStream in = s.getInputStream();
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int split = all.indexOf("\r\n\r\n");
      String head = split < 0 ? all : all.substring(0, split);
      int status = Integer.parseInt(head.substring(9, 12));
      return new Raw(status, head, split < 0 ? "" : all.substring(split + 4));
    }
  }

  static String csrfOf(String page) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
    assertTrue(m.find(), "the page has a CSRF field:\n" + page);
    return m.group(1);
  }

  StatusResult status(TestDevice d) throws Exception {
    try (RpcClient c = RpcClient.connect(d.locations().socketPath())) {
      return c.call(Methods.STATUS, new StatusParams(), StatusResult.class);
    }
  }

  List<ConflictView> conflicts(TestDevice d) throws Exception {
    try (RpcClient c = RpcClient.connect(d.locations().socketPath())) {
      return c.call(Methods.CONFLICTS_LIST, new ConflictsParams(null), ConflictsResult.class).conflicts();
    }
  }

  @Test
  @Order(1)
  void refusesRequestsWithoutCookieFromForeignHostsAndWithoutCsrf() throws Exception {
    URI url = signIn(a);
    int port = url.getPort();
    String host = "127.0.0.1:" + port;
    String login = url.getRawPath() + "?" + url.getRawQuery();

    assertEquals(401, raw(port, "GET", "/", host, null, null, null).status(), "no cookie");
    assertEquals(401, raw(port, "GET", "/history", host, "ferry_session_" + port + "=forged", null, null).status(), "forged cookie");
    // DNS rebinding: a page on evil.example resolved to 127.0.0.1 names its own host; the token is not even looked at.
    assertEquals(403, raw(port, "GET", login, "evil.example:" + port, null, null, null).status(), "foreign host");

    Raw signedIn = raw(port, "GET", login, host, null, null, null);
    assertEquals(303, signedIn.status());
    String setCookie = signedIn.header("Set-Cookie");
    assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    assertEquals(403, raw(port, "GET", login, host, null, null, null).status(), "the token works once");

    assertEquals(403, raw(port, "GET", "/", "evil.example:" + port, cookie, null, null).status(), "foreign host with the cookie");
    assertEquals(403, raw(port, "GET", "/", "localhost:" + port, cookie, null, null).status(), "another name for loopback");
    Raw overview = raw(port, "GET", "/", host, cookie, null, null);
    assertEquals(200, overview.status());
    assertTrue(overview.body().contains("data-folder=\"docs\""), overview.body());
    assertTrue(overview.header("Content-Security-Policy").contains("default-src 'none'"));
    String csrf = csrfOf(overview.body());

    assertEquals(403, raw(port, "POST", "/folders/pause", host, cookie, null, "folder=docs").status(), "no CSRF token");
    assertEquals(403, raw(port, "POST", "/folders/pause", host, cookie, null, "folder=docs&csrf=wrong").status(), "wrong CSRF token");
    assertEquals(403, raw(port, "POST", "/folders/pause", host, cookie, "http://evil.example", "folder=docs&csrf=" + csrf).status(),
        "foreign origin");
    assertEquals(401, raw(port, "POST", "/folders/pause", host, null, null, "folder=docs&csrf=" + csrf).status(), "CSRF without cookie");
    assertFalse(status(a).folders().get(0).paused(), "no refused request changed anything");
    for (String outside : List.of("../x.txt", "../../../etc/passwd", "/etc/passwd")) {
      String form = "folder=docs&path=" + java.net.URLEncoder.encode(outside, StandardCharsets.UTF_8) + "&choice=local&csrf=" + csrf;
      Raw r = raw(port, "POST", "/conflicts/resolve", host, cookie, null, form);
      assertEquals(400, r.status(), "a path outside the folder is a bad request, not a dropped connection: " + outside);
      assertTrue(r.body().contains("outside the folder"), r.body());
    }

    assertEquals(303, raw(port, "POST", "/folders/pause", host, cookie, "http://" + host, "folder=docs&csrf=" + csrf).status());
    assertTrue(status(a).folders().get(0).paused());
    assertEquals(303, raw(port, "POST", "/folders/resume", host, cookie, null, "folder=docs&csrf=" + csrf).status());
    assertFalse(status(a).folders().get(0).paused());

    // Nothing answers on this machine's other addresses.
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress addr : Collections.list(nic.getInetAddresses())) {
        if (addr.isLoopbackAddress() || !(addr instanceof Inet4Address) || !nic.isUp()) continue;
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(addr, port), 2000);
          throw new AssertionError("the dashboard answers on " + addr);
        } catch (ConnectException | java.net.SocketTimeoutException expected) {
          // refused: good
        }
      }
    }
  }

  Browser browser() throws Exception {
    var tools = Browser.installed();
    assumeTrue(tools.isPresent(), "chromium and chromedriver are not installed (apt-get install chromium chromium-driver):"
        + " skipping the browser tests; .ci/run installs them");
    if (browser == null) {
      browser = Browser.start(tools.get()[0], tools.get()[1], Files.createDirectories(base.resolve("browser")));
      browser.open(signIn(a).toString());
    }
    return browser;
  }

  void shoot(String name) throws Exception {
    browser.windowSize(1280, 900);
    browser.screenshot(SHOTS.resolve(name + "-desktop.png"));
    browser.windowSize(390, 844);
    assertEquals(Boolean.TRUE, browser.script("return document.documentElement.scrollWidth <= window.innerWidth + 1;"),
        name + " fits a phone-width window without scrolling sideways");
    browser.screenshot(SHOTS.resolve(name + "-phone.png"));
    browser.windowSize(1280, 900);
  }

  boolean idle(TestDevice d) {
    try {
      String s = status(d).folders().get(0).state();
      return s.equals("IDLE") || s.equals("COMPLETE");
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  @Order(2)
  void overviewShowsAFolderGoingThroughStatesDuringASync() throws Exception {
    Browser br = browser();
    assertTrue(Browser.await(Duration.ofSeconds(60), () -> idle(a)), "the startup sync ends");
    br.open(signIn(a).toString());
    assertEquals("Overview", br.text("h1"));
    assertTrue(Browser.await(Duration.ofSeconds(20), () -> live(br)), "the page receives the live stream");
    shoot("overview");

    byte[] big = new byte[24 * 1024 * 1024];
    new Random(3).nextBytes(big);
    Files.write(a.folder().resolve("big.bin"), big);
    String lastSyncBefore = br.text("section.folder[data-folder=\"docs\"] [data-field=\"lastSync\"]");
    br.click("section.folder[data-folder=\"docs\"] form[action=\"/folders/sync\"] button");

    List<String> seen = new ArrayList<>();
    boolean[] shotRunning = {false};
    boolean done = Browser.await(Duration.ofSeconds(120), () -> {
      try {
        seen.clear();
        for (Object o : (List<?>) br.script("return Array.from(document.querySelectorAll('#activity li')).map(li => li.dataset.state);")) {
          seen.add(String.valueOf(o));
        }
        Collections.reverse(seen); // the list is newest first
        if (!shotRunning[0] && seen.contains("UPLOADING")) {
          br.screenshot(SHOTS.resolve("overview-running-desktop.png"));
          shotRunning[0] = true;
        }
        String card = br.text("section.folder[data-folder=\"docs\"] [data-field=\"state\"]");
        String lastSync = br.text("section.folder[data-folder=\"docs\"] [data-field=\"lastSync\"]");
        // Wait for the activity list too: its last entries may land a moment after the card.
        boolean finishedInList = seen.contains("UPLOADING")
            && seen.indexOf("UPLOADING") < Math.max(seen.lastIndexOf("COMPLETE"), seen.lastIndexOf("IDLE"));
        return seen.stream().anyMatch(RUN_PHASES::contains) && (card.equals("IDLE") || card.equals("COMPLETE"))
            && !lastSync.equals(lastSyncBefore) && finishedInList;
      } catch (Exception e) {
        return false;
      }
    });
    assertTrue(done, "the page followed the run to its end; states seen: " + seen);
    assertTrue(seen.contains("UPLOADING"), "a 24 MiB upload is seen uploading: " + seen);
    assertTrue(seen.indexOf("UPLOADING") < Math.max(seen.lastIndexOf("COMPLETE"), seen.lastIndexOf("IDLE")),
        "and then finishing: " + seen);
  }

  static boolean live(Browser br) {
    try {
      return "status".equals(br.script("return document.body.dataset.live || '';"));
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  @Order(3)
  void aTwoDeviceConflictIsResolvedFromThePage() throws Exception {
    Browser br = browser();
    Path onA = a.folder().resolve("settings.json");
    Files.writeString(onA, "{\n  \"theme\": \"light\",\n  \"size\": 1\n}\n");
    a.sync().expect(0);
    b.sync().expect(0);
    Path onB = b.folder().resolve("settings.json");
    assertTrue(Files.exists(onB));
    Files.writeString(onA, "{\n  \"theme\": \"dark\",\n  \"size\": 1\n}\n");
    // Both change the same field: the JSON merge cannot decide, so both versions are kept.
    Files.writeString(onB, "{\n  \"theme\": \"blue\",\n  \"size\": 2\n}\n");
    b.sync().expect(0);
    a.sync();
    List<ConflictView> before = conflicts(a);
    assertEquals(1, before.size(), "one conflict on a: " + before);
    String copy = before.get(0).copyPath();

    br.open("http://127.0.0.1:" + URI.create(br.url()).getPort() + "/conflicts");
    assertEquals("Conflicts", br.text("h1"));
    assertTrue(br.count("table.diff tr.chg") >= 2, "the changed lines are marked");
    assertTrue(br.text("table.diff").contains("\"dark\""));
    // The common ancestor (the version both devices synced) is rebuilt from conflicts.diff.
    assertTrue(br.text("table.diff thead").contains("Ancestor"), br.text("table.diff thead"));
    assertTrue(br.text("table.diff").contains("\"light\""), br.text("table.diff"));
    shoot("conflicts");

    br.click("a.button[href*=\"choice=local\"]");
    assertTrue(br.textOnNextPage("pre.preview").contains("\"dark\""), "the preview shows the JSON to be written");
    assertTrue(Files.readString(onA).contains("\"size\": 2"), "nothing written before confirming");
    shoot("conflict-preview");
    br.click("form[action=\"/conflicts/resolve\"] button[type=\"submit\"]");

    assertTrue(br.textOnNextPage("p.flash").contains("settings.json"), br.text("main"));
    assertEquals("{\n  \"theme\": \"dark\",\n  \"size\": 1\n}\n", Files.readString(onA), "a's version took the name");
    assertFalse(Files.exists(a.folder().resolve(copy)), "the conflict copy is gone");
    assertTrue(conflicts(a).isEmpty());
    // The resolution travels like any edit.
    assertTrue(Browser.await(Duration.ofSeconds(60), () -> idle(a)));
    a.sync().expect(0);
    b.sync().expect(0);
    assertEquals(Files.readString(onA), Files.readString(onB));
    assertFalse(Files.exists(b.folder().resolve(copy)));
  }

  @Test
  @Order(4)
  void everyPageAtDesktopAndPhoneWidth() throws Exception {
    Browser br = browser();
    String origin = "http://127.0.0.1:" + URI.create(br.url()).getPort();
    br.open(origin + "/history");
    assertEquals("History", br.text("h1"));
    assertTrue(br.count("svg#chart-duration rect.bar") >= 1, "the chart has the day's runs");
    assertTrue(br.count("table tbody tr") >= 1);
    shoot("history");

    br.open(origin + "/queue");
    assertEquals("Queue", br.text("h1"));
    shoot("queue");

    br.open(origin + "/devices");
    assertEquals("Devices", br.text("h1"));
    assertTrue(br.text("main").contains("(this device)"));
    assertEquals(1, br.count("a.button.danger[href^=\"/devices/revoke\"]"), "b can be revoked, a (this device) cannot");
    br.click("a.button.danger[href^=\"/devices/revoke\"]");
    assertEquals("Revoke a device", br.text("h1"));
    shoot("devices-revoke-confirm");
    br.open(origin + "/devices");
    shoot("devices");

    br.open(origin + "/logs?level=INFO&folder=docs");
    assertEquals("Logs", br.text("h1"));
    assertTrue(Browser.await(Duration.ofSeconds(10), () -> {
      try {
        return br.script("return document.readyState;").equals("complete");
      } catch (Exception e) {
        return false;
      }
    }));
    // A line written now appears without a reload; one of another folder or below the level does not.
    Path log = a.locations().logsDir().resolve("daemon.log");
    Files.createDirectories(log.getParent());
    String marker = "browser-marker-" + System.nanoTime();
    Files.writeString(log, "{\"ts\":\"2030-01-01T00:00:00Z\",\"level\":\"DEBUG\",\"msg\":\"" + marker + "-debug\",\"folder\":\"docs\"}\n"
        + "{\"ts\":\"2030-01-01T00:00:00Z\",\"level\":\"WARN\",\"msg\":\"" + marker + "-other\",\"folder\":\"photos\"}\n"
        + "{\"ts\":\"2030-01-01T00:00:00Z\",\"level\":\"WARN\",\"msg\":\"" + marker + "\",\"folder\":\"docs\"}\n",
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    assertTrue(Browser.await(Duration.ofSeconds(20), () -> {
      try {
        return br.text("#log-lines").contains(marker);
      } catch (Exception e) {
        return false;
      }
    }), "the new line appears live");
    String shown = br.text("#log-lines");
    assertFalse(shown.contains(marker + "-debug") || shown.contains(marker + "-other"), shown);
    shoot("logs");

    br.open(origin + "/");
    // Keyboard: the first Tab lands on the skip link, and every control is reachable (none has a negative tabindex).
    assertEquals("Skip to content", br.script("document.activeElement.blur(); return document.querySelector('a.skip').textContent;"));
    assertEquals(0L, ((Number) br.script("return document.querySelectorAll('a[tabindex^=\"-\"], button[tabindex^=\"-\"]').length;")).longValue());
  }
}
