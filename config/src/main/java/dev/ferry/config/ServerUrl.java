package dev.ferry.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule for a hub URL: config.toml's {@code server} and the {@code --server} of
 * {@code init} and {@code login} are judged by it alike, so a URL a command accepts is never
 * one the config then refuses (after the device was already registered on the hub).
 */
public final class ServerUrl {
  /** The user-info part of a URL ({@code scheme://USER:PASSWORD@}), found even in a URL that does not parse. */
  private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@");

  private ServerUrl() {}

  /** Why {@code url} cannot name a hub (a phrase to follow the URL), or null when it can. */
  public static String problem(String url) {
    try {
      URI u = new URI(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) return "must start with http:// or https://";
      if (u.getHost() == null || u.getHost().isEmpty()) return "has no host name";
      if (u.getRawUserInfo() != null) return "must not contain a user name or password";
      if (u.getRawQuery() != null || u.getRawFragment() != null) return "must not have a query or fragment";
      return null;
    } catch (URISyntaxException e) {
      return "is not a valid URL (" + e.getReason() + ")";
    }
  }

  /**
   * {@code url} fit for a message: a user name and password in it are replaced by {@code ***},
   * so an error about credentials never prints them.
   */
  public static String redacted(String url) {
    return USER_INFO.matcher(url).replaceFirst("$1***@");
  }
}
