package dev.ferry.daemon.remote;

import java.time.Duration;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Builds the one {@link OkHttpClient} a daemon shares across all its hub clients (one
 * connection pool, one dispatcher), and the variant for event streams.
 */
public final class HubHttpClients {
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);
  /**
   * The hub sends a keep-alive comment every 15 s, so an event stream silent for three of those
   * is a dead connection (a laptop that slept, a NAT that forgot us): fail it so the caller
   * reconnects, instead of waiting forever on a socket nobody will write to again.
   */
  public static final Duration EVENTS_READ_TIMEOUT = Duration.ofSeconds(45);

  private HubHttpClients() {}

  /**
   * The shared client: connect 10 s, read and write 60 s between bytes, no whole-call timeout
   * (an 8 MiB chunk on a slow link may take minutes while still making progress), no redirects
   * (the hub never redirects; following one could carry the bearer token elsewhere), and a
   * {@code User-Agent: ferry/VERSION}.
   */
  public static OkHttpClient create(String version) {
    String userAgent = userAgent(version);
    return new OkHttpClient.Builder()
        .connectTimeout(CONNECT_TIMEOUT)
        .readTimeout(READ_TIMEOUT)
        .writeTimeout(WRITE_TIMEOUT)
        .callTimeout(Duration.ZERO)
        .followRedirects(false)
        .followSslRedirects(false)
        .addInterceptor(chain -> chain.proceed(chain.request().header("User-Agent") == null
            ? chain.request().newBuilder().header("User-Agent", userAgent).build()
            : chain.request()))
        .build();
  }

  /** The shared client with this build's version (the jar manifest's, or "dev" from a source tree). */
  public static OkHttpClient create() {
    String v = HubHttpClients.class.getPackage().getImplementationVersion();
    return create(v == null ? "dev" : v);
  }

  /**
   * A client for server-sent events derived from the shared one (same connection pool): a
   * stream is idle between events by design, so the read timeout only has to outlast the hub's
   * keep-alive comments. It has a dispatcher of its own without OkHttp's default of 5 calls
   * per host: each folder holds one stream open for good, and under that limit the sixth
   * folder's stream waited for ever, so its real-time trigger never fired (found with 8 folders).
   * The streams are bounded by the folders configured, one each.
   */
  public static OkHttpClient forEvents(OkHttpClient shared) {
    Dispatcher streams = new Dispatcher();
    streams.setMaxRequests(Integer.MAX_VALUE);
    streams.setMaxRequestsPerHost(Integer.MAX_VALUE);
    return shared.newBuilder().dispatcher(streams).readTimeout(EVENTS_READ_TIMEOUT).callTimeout(Duration.ZERO).build();
  }

  static String userAgent(String version) {
    String v = version == null || version.isBlank() ? "dev" : version.strip();
    return "ferry/" + v;
  }
}
