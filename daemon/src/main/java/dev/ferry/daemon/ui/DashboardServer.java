package dev.ferry.daemon.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.FerryLocations;
import dev.ferry.daemon.Folders;
import dev.ferry.daemon.events.EventBus;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local web dashboard (SPEC: {@code ferry ui}), served by the daemon on 127.0.0.1 only: on
 * {@code [ui] port}, or a free port when that is 0; not at all with {@code [ui] enabled = false}.
 *
 * <p>Who may use it: whoever holds a one-time token from {@code ferry ui} (which needs the
 * control socket, so the daemon's own user). The token becomes an HttpOnly, SameSite=Strict
 * session cookie; every POST must also carry the session's CSRF token and must not come from a
 * foreign origin; and every request must name {@code 127.0.0.1:PORT} as its Host, so a web
 * page whose DNS name was rebound to 127.0.0.1 gets nothing.
 */
@Singleton
public final class DashboardServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DashboardServer.class);
  static final String LOOPBACK = "127.0.0.1";
  /** Concurrent requests, live streams included; a local dashboard has a handful of tabs at most. */
  static final int MAX_THREADS = 24;

  /** A route: answers one method and path for a signed-in session. */
  @FunctionalInterface
  interface Route {
    void handle(Exchange x) throws Exception;
  }

  private final FerryConfig config;
  private final Sessions sessions;
  private final ControlCalls calls;
  private final Folders folders;
  private final EventBus events;
  private final FerryLocations locations;
  private final Clock clock;
  private final Map<String, Route> routes = new HashMap<>();
  private HttpServer server;
  private ExecutorService pool;
  private volatile int port = -1;
  private volatile boolean closing;

  @Inject
  DashboardServer(FerryConfig config, Provider<Map<String, RpcHandler>> handlers, Folders folders, EventBus events,
      FerryLocations locations, Clock clock, SecureRandom random) {
    this.config = config;
    this.calls = new ControlCalls(handlers::get);
    this.folders = folders;
    this.events = events;
    this.locations = locations;
    this.clock = clock;
    this.sessions = new Sessions(random, clock);
  }

  /**
   * Starts serving when {@code [ui] enabled}. A port that is taken is logged and leaves the
   * dashboard off; syncing never depends on it.
   */
  public synchronized void start() throws IOException {
    if (!config.ui().enabled()) {
      log.info("dashboard off ([ui] enabled = false)");
      return;
    }
    if (server != null) return;
    HttpServer s;
    try {
      s = HttpServer.create(new InetSocketAddress(InetAddress.getByName(LOOPBACK), config.ui().port()), 16);
    } catch (BindException e) {
      log.warn("dashboard off: cannot listen on {}:{} ({}); set [ui] port to a free port or 0", LOOPBACK, config.ui().port(),
          e.getMessage());
      return;
    }
    AtomicInteger n = new AtomicInteger();
    pool = new ThreadPoolExecutor(1, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "dashboard-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }, (r, executor) -> {
      // Every thread busy (many open streams): the request is dropped rather than queued behind streams that never end.
      log.warn("dashboard busy: a request was refused");
    });
    s.setExecutor(pool);
    port = s.getAddress().getPort();
    registerRoutes();
    s.createContext("/", this::serve);
    s.start();
    server = s;
    log.info("dashboard on http://{}:{}/ (sign in with ferry ui)", LOOPBACK, port);
  }

  private void registerRoutes() {
    OverviewPage overview = new OverviewPage(calls);
    routes.put("GET /", overview::get);
    routes.put("POST /folders/sync", overview::sync);
    routes.put("POST /folders/pause", overview::pause);
    routes.put("POST /folders/resume", overview::resume);
    LiveStatus live = new LiveStatus(calls, events, () -> closing);
    routes.put("GET /events", live::stream);
    routes.put("GET /history", new HistoryPage(calls, clock)::get);
    ConflictsPage conflicts = new ConflictsPage(calls, new ConflictFiles(folders));
    routes.put("GET /conflicts", conflicts::get);
    routes.put("GET /conflicts/resolve", conflicts::preview);
    routes.put("POST /conflicts/resolve", conflicts::resolve);
    QueuePage queue = new QueuePage(calls);
    routes.put("GET /queue", queue::get);
    routes.put("GET /queue/drop", queue::confirmDrop);
    routes.put("POST /queue/retry", queue::retry);
    routes.put("POST /queue/drop", queue::drop);
    DevicesPage devices = new DevicesPage(calls);
    routes.put("GET /devices", devices::get);
    routes.put("GET /devices/revoke", devices::confirm);
    routes.put("POST /devices/revoke", devices::revoke);
    LogsPage logs = new LogsPage(() -> folders.configs().keySet(), locations.logsDir().resolve("daemon.log"), () -> closing);
    routes.put("GET /logs", logs::get);
    routes.put("GET /logs/stream", logs::stream);
  }

  /** Where the dashboard listens, while it does. */
  public Optional<URI> address() {
    int p = port;
    return p < 0 || server == null ? Optional.empty() : Optional.of(URI.create("http://" + LOOPBACK + ":" + p + "/"));
  }

  /**
   * A sign-in URL with a fresh one-time token, for {@code ferry ui}; empty when the dashboard is
   * off (disabled, or its port was taken).
   */
  public Optional<URI> signInUrl() {
    return address().map(a -> a.resolve("/login?token=" + sessions.issueToken()));
  }

  String cookieName() {
    // Per port: cookies ignore ports, and two daemons (two homes) on one machine must not sign each other out.
    return "ferry_session_" + port;
  }

  private void serve(HttpExchange http) {
    Exchange x = new Exchange(http);
    try {
      String expectedHost = LOOPBACK + ":" + port;
      String host = x.header("Host");
      if (host == null || !host.equalsIgnoreCase(expectedHost)) {
        x.html(403, Html.bare("Refused", "This dashboard answers only to http://" + expectedHost + "/ (the request named "
            + (host == null ? "no host" : "host " + host) + ")."));
        return;
      }
      String path = x.path();
      if (path.startsWith("/assets/")) {
        asset(x, path.substring("/assets/".length()));
        return;
      }
      if (path.equals("/login")) {
        login(x);
        return;
      }
      Optional<Sessions.Session> session = sessions.find(x.cookie(cookieName()));
      if (session.isEmpty()) {
        x.html(401, Html.bare("Not signed in", "Run ferry ui on this computer for a sign-in link."));
        return;
      }
      x.session(session.get());
      String method = x.method();
      if (method.equals("HEAD")) method = "GET";
      if (method.equals("POST") && !sameOriginWithCsrf(x)) return;
      Route route = routes.get(method + " " + path);
      if (route == null) {
        boolean known = routes.containsKey("GET " + path) || routes.containsKey("POST " + path);
        x.html(known ? 405 : 404, Html.page(known ? "Method not allowed" : "Not found", "", x.session(),
            "<p>Nothing here: <a href=\"/\">back to the overview</a>.</p>"));
        return;
      }
      route.handle(x);
    } catch (Exchange.BadRequest e) {
      respondQuietly(x, 400, "Bad request", e.getMessage());
    } catch (RpcException e) {
      respondQuietly(x, e.code() == RpcErrors.NOT_FOUND ? 404 : 500, "Failed", e.getMessage());
    } catch (InterruptedException e) {
      // A live stream ended because the dashboard is stopping.
      x.close();
    } catch (IOException e) {
      log.debug("dashboard request {} {}: {}", x.method(), x.path(), e.toString());
      x.close();
    } catch (Exception e) {
      log.warn("dashboard request {} {} failed", x.method(), x.path(), e);
      respondQuietly(x, 500, "Failed", "Something went wrong; the daemon log has the details.");
    }
  }

  private static void respondQuietly(Exchange x, int status, String title, String message) {
    try {
      x.html(status, Html.bare(title, message));
    } catch (IOException | RuntimeException alreadyStarted) {
      x.close();
    }
  }

  /** POSTs: same origin (when the browser says), and the session's CSRF token in the form. */
  private boolean sameOriginWithCsrf(Exchange x) throws IOException {
    String origin = x.header("Origin");
    String site = x.header("Sec-Fetch-Site");
    boolean foreign = (origin != null && !origin.equals("null") && !origin.equalsIgnoreCase("http://" + LOOPBACK + ":" + port))
        || (site != null && !site.equals("same-origin") && !site.equals("none"));
    if (foreign) {
      x.html(403, Html.bare("Refused", "This request came from another site."));
      return false;
    }
    if (!x.session().csrfMatches(x.param("csrf"))) {
      x.html(403, Html.bare("Refused", "The request lacks this page's CSRF token; reload the page and try again."));
      return false;
    }
    return true;
  }

  private void login(Exchange x) throws IOException {
    Optional<Sessions.Session> s = sessions.redeem(x.param("token"));
    if (s.isEmpty()) {
      x.html(403, Html.bare("Sign-in link not valid", "This link was used already or has expired. Run ferry ui for a new one."));
      return;
    }
    x.setCookie(cookieName() + "=" + s.get().id() + "; Path=/; HttpOnly; SameSite=Strict");
    x.redirect("/");
  }

  private static final Map<String, String> ASSETS = Map.of("dashboard.css", "text/css; charset=utf-8",
      "dashboard.js", "text/javascript; charset=utf-8");

  private void asset(Exchange x, String name) throws IOException {
    String type = ASSETS.get(name);
    if (type == null) {
      x.html(404, Html.bare("Not found", "No such file."));
      return;
    }
    try (InputStream in = DashboardServer.class.getResourceAsStream(name)) {
      if (in == null) throw new IOException("the jar lacks the dashboard asset " + name);
      x.send(200, type, in.readAllBytes());
    }
  }

  @Override
  public synchronized void close() {
    closing = true;
    if (server != null) {
      server.stop(0);
      server = null;
    }
    if (pool != null) pool.shutdownNow();
    port = -1;
  }
}
