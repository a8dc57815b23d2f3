package dev.ferry.cli.testing;

import dev.ferry.protocol.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Headless Chromium driven over the W3C WebDriver protocol: chromedriver on a loopback port,
 * plain HTTP and JSON, no Selenium. Chromium runs with a fresh profile directory and without
 * anything that would reach the network on its own.
 */
public final class Browser implements AutoCloseable {
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

  private final Process driver;
  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Path profile;
  private String session;

  private Browser(Process driver, URI base, Path profile) {
    this.driver = driver;
    this.base = base;
    this.profile = profile;
  }

  /** chromium and chromedriver from PATH (or /usr/bin), if both are installed. */
  public static Optional<Path[]> installed() {
    Path chromium = onPath("chromium").or(() -> onPath("chromium-browser")).orElse(null);
    Path driver = onPath("chromedriver").orElse(null);
    return chromium == null || driver == null ? Optional.empty() : Optional.of(new Path[] {chromium, driver});
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/lib/chromium";
    for (String dir : path.split(":")) {
      if (dir.isEmpty()) continue;
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) return Optional.of(p);
    }
    return Optional.empty();
  }

  public static Browser start(Path chromium, Path chromedriver, Path workDir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path log = workDir.resolve("chromedriver.log");
    Process p = new ProcessBuilder(chromedriver.toString(), "--port=" + port, "--log-path=" + log)
        .redirectErrorStream(true).redirectOutput(workDir.resolve("chromedriver.out").toFile()).start();
    Path profile = Files.createDirectories(workDir.resolve("chromium-profile"));
    Browser b = new Browser(p, URI.create("http://127.0.0.1:" + port + "/"), profile);
    try {
      b.awaitReady();
      b.newSession(chromium);
    } catch (Exception e) {
      b.close();
      throw e;
    }
    return b;
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!driver.isAlive()) throw new IOException("chromedriver exited with " + driver.exitValue());
      try {
        Map<?, ?> v = (Map<?, ?>) request("GET", "status", null);
        if (Boolean.TRUE.equals(v.get("ready"))) return;
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IOException("chromedriver did not become ready in 30 s");
  }

  private void newSession(Path chromium) throws Exception {
    List<String> args = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-default-apps", "--disable-extensions", "--user-data-dir=" + profile, "--window-size=1280,900");
    Map<String, Object> opts = Map.of("binary", chromium.toString(), "args", args);
    Map<String, Object> caps = Map.of("capabilities", Map.of("alwaysMatch", Map.of("browserName", "chrome",
        "goog:chromeOptions", opts, "pageLoadStrategy", "normal")));
    Map<?, ?> v = (Map<?, ?>) request("POST", "session", caps);
    session = (String) v.get("sessionId");
  }

  /** One WebDriver command; answers the {@code value}. */
  private Object request(String method, String path, Object body) throws IOException, InterruptedException {
    HttpRequest.Builder rb = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    if (body != null) {
      rb.header("Content-Type", "application/json; charset=utf-8")
          .method(method, HttpRequest.BodyPublishers.ofString(Json.adapter(Object.class).toJson(body)));
    } else if (method.equals("POST")) {
      rb.POST(HttpRequest.BodyPublishers.ofString("{}"));
    } else {
      rb.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
    Object parsed = Json.adapter(Object.class).fromJson(r.body());
    Object value = parsed instanceof Map<?, ?> m ? m.get("value") : null;
    if (r.statusCode() != 200) {
      String msg = value instanceof Map<?, ?> e ? e.get("error") + ": " + e.get("message") : r.body();
      throw new WebDriverException(method + " " + path + " → " + r.statusCode() + " " + msg);
    }
    return value;
  }

  private Object cmd(String method, String path, Object body) throws IOException, InterruptedException {
    return request(method, "session/" + session + "/" + path, body);
  }

  public void open(String url) throws Exception {
    cmd("POST", "url", Map.of("url", url));
  }

  public String url() throws Exception {
    return (String) cmd("GET", "url", null);
  }

  public void windowSize(int width, int height) throws Exception {
    cmd("POST", "window/rect", Map.of("width", width, "height", height));
  }

  /** The element matching a CSS selector; fails when there is none. */
  public String find(String css) throws Exception {
    Map<?, ?> v = (Map<?, ?>) cmd("POST", "element", Map.of("using", "css selector", "value", css));
    return (String) v.get(ELEMENT);
  }

  public int count(String css) throws Exception {
    return ((List<?>) cmd("POST", "elements", Map.of("using", "css selector", "value", css))).size();
  }

  public void click(String css) throws Exception {
    cmd("POST", "element/" + find(css) + "/click", Map.of());
  }

  public String text(String css) throws Exception {
    return (String) cmd("GET", "element/" + find(css) + "/text", null);
  }

  /**
   * The text of an element that only the page a click leads to has: a click returns before the
   * browser has loaded that page, so this waits (up to 30 s) for the element to be there.
   */
  public String textOnNextPage(String css) throws Exception {
    await(Duration.ofSeconds(30), () -> {
      try {
        return count(css) > 0;
      } catch (Exception e) {
        return false;
      }
    });
    return text(css);
  }

  /** Runs {@code script} (a function body; {@code arguments} holds {@code args}) and answers its return value. */
  public Object script(String script, Object... args) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("script", script);
    body.put("args", List.of(args));
    return cmd("POST", "execute/sync", body);
  }

  public void screenshot(Path file) throws Exception {
    String png = (String) cmd("GET", "screenshot", null);
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode(png));
  }

  /** Waits for {@code condition} (re-checked every 100 ms) for at most {@code timeout}. */
  public static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) return true;
      Thread.sleep(100);
    }
    return condition.getAsBoolean();
  }

  @Override
  public void close() {
    try {
      if (session != null) request("DELETE", "session/" + session, null);
    } catch (Exception e) {
      // the driver is going away anyway
    }
    driver.destroy();
    try {
      if (!driver.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) driver.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      driver.destroyForcibly();
    }
  }

  /** A WebDriver command failed. */
  public static final class WebDriverException extends IOException {
    private static final long serialVersionUID = 1L;

    WebDriverException(String message) {
      super(message);
    }
  }
}
