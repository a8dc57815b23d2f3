package dev.ferry.server.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a PostgreSQL hub database is, parsed from the libpq-style URL that {@code ferry server
 * --db} and {@code FERRY_DB_URL} take: {@code postgresql://[user[:password]@]host[:port]/database[?param=value&...]}
 * ({@code postgres://} and {@code jdbc:postgresql://} are accepted too). Query parameters such as
 * {@code sslmode} go to the driver unchanged. {@code password} may be null (trust or .pgpass-less
 * setups, or a {@code password=} parameter). {@code host} and {@code port} (5432 when the URL names
 * none) say in errors where the database was looked for.
 */
public record PostgresUrl(String jdbcUrl, String user, String password, String host, int port, String redacted) {
  public static final int DEFAULT_PORT = 5432;

  /** True when {@code url} names a PostgreSQL database rather than a SQLite file. */
  public static boolean isPostgres(String url) {
    return url != null && (url.startsWith("postgresql://") || url.startsWith("postgres://") || url.startsWith("jdbc:postgresql://"));
  }

  public static PostgresUrl parse(String url) {
    if (!isPostgres(url)) {
      throw new IllegalArgumentException("not a PostgreSQL URL (expected postgresql://user:password@host:port/database): " + url);
    }
    String plain = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
    URI u;
    try {
      u = new URI(plain);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("malformed PostgreSQL URL: " + e.getMessage(), e);
    }
    if (u.getHost() == null) {
      throw new IllegalArgumentException("the PostgreSQL URL names no host (expected postgresql://host:port/database): "
          + redact(url));
    }
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    if (path.length() <= 1) {
      throw new IllegalArgumentException("the PostgreSQL URL names no database (expected postgresql://host:port/database): "
          + redact(url));
    }
    // The driver would refuse such a URL as "No suitable driver" (and print a warning of its own).
    if (u.getPort() != -1 && (u.getPort() < 1 || u.getPort() > 65535)) {
      throw new IllegalArgumentException("the PostgreSQL URL's port " + u.getPort() + " is not a valid port (1-65535): " + redact(url));
    }
    String database = decode(path.substring(1));
    String user = null;
    String password = null;
    if (u.getRawUserInfo() != null) {
      String info = u.getRawUserInfo();
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? null : decode(info.substring(colon + 1));
    }
    String host = u.getHost().contains(":") && !u.getHost().startsWith("[") ? "[" + u.getHost() + "]" : u.getHost();
    StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(host);
    if (u.getPort() != -1) jdbc.append(':').append(u.getPort());
    jdbc.append('/').append(database);
    if (u.getRawQuery() != null && !u.getRawQuery().isEmpty()) jdbc.append('?').append(u.getRawQuery());
    return new PostgresUrl(jdbc.toString(), user, password, host, u.getPort() == -1 ? DEFAULT_PORT : u.getPort(), redact(url));
  }

  /** {@code host:port}, for messages. */
  public String address() {
    return host + ":" + port;
  }

  /** The URL with any password replaced, for logs and error messages. */
  public static String redact(String url) {
    return url.replaceAll("(//[^/@:]*:)[^/@]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return redacted;
  }
}
