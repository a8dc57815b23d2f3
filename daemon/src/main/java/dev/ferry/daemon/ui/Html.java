package dev.ferry.daemon.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Escaping and the page frame every dashboard page shares: navigation, flash message, scripts. */
final class Html {
  /** The pages in the navigation, in order: path and label. */
  static final List<String[]> NAV = List.of(new String[] {"/", "Overview"}, new String[] {"/history", "History"},
      new String[] {"/conflicts", "Conflicts"}, new String[] {"/queue", "Queue"}, new String[] {"/devices", "Devices"},
      new String[] {"/logs", "Logs"});
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private Html() {}

  /** Text made safe for element content and quoted attribute values. */
  static String esc(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A whole page: {@code body} goes into {@code <main>}; {@code current} is the navigation path to mark. */
  static String page(String title, String current, Sessions.Session session, String body) {
    StringBuilder b = new StringBuilder(4096 + body.length());
    b.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(esc(title)).append(" · Ferry</title>")
        .append("<link rel=\"stylesheet\" href=\"/assets/dashboard.css\">")
        .append("<script src=\"/assets/dashboard.js\" defer></script></head><body>")
        .append("<a class=\"skip\" href=\"#main\">Skip to content</a>")
        .append("<header><span class=\"brand\">Ferry</span><nav aria-label=\"Pages\"><ul>");
    for (String[] n : NAV) {
      boolean here = n[0].equals(current);
      b.append("<li><a href=\"").append(n[0]).append('"').append(here ? " aria-current=\"page\"" : "").append('>')
          .append(n[1]).append("</a></li>");
    }
    b.append("</ul></nav></header><main id=\"main\" tabindex=\"-1\"><h1>").append(esc(title)).append("</h1>");
    String flash = session == null ? null : session.takeFlash();
    if (flash != null) b.append("<p class=\"flash\" role=\"status\">").append(esc(flash)).append("</p>");
    b.append(body).append("</main></body></html>\n");
    return b.toString();
  }

  /** A page shown without a session (refusals): no navigation, nothing that needs signing in. */
  static String bare(String title, String message) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + esc(title) + " · Ferry</title>"
        + "<link rel=\"stylesheet\" href=\"/assets/dashboard.css\"></head><body><main id=\"main\"><h1>" + esc(title)
        + "</h1><p>" + esc(message) + "</p></main></body></html>\n";
  }

  /** The hidden field every state-changing form carries. */
  static String csrf(Sessions.Session s) {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(s.csrf()) + "\">";
  }

  /** A small POST form with one button and hidden fields given as name, value pairs. */
  static String button(Sessions.Session s, String action, String label, String cls, String... fields) {
    StringBuilder b = new StringBuilder("<form method=\"post\" action=\"").append(esc(action)).append("\" class=\"inline\">")
        .append(csrf(s));
    for (int i = 0; i + 1 < fields.length; i += 2) {
      b.append("<input type=\"hidden\" name=\"").append(esc(fields[i])).append("\" value=\"").append(esc(fields[i + 1]))
          .append("\">");
    }
    return b.append("<button type=\"submit\"").append(cls == null ? "" : " class=\"" + cls + "\"").append('>')
        .append(esc(label)).append("</button></form>").toString();
  }

  static String time(Instant t) {
    if (t == null) return "never";
    return "<time datetime=\"" + t + "\">" + TIME.format(t) + "</time>";
  }

  static String bytes(long n) {
    if (n < 1024) return n + " B";
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    do {
      v /= 1024;
      u++;
    } while (v >= 1024 && u < units.length - 1);
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  static String duration(long ms) {
    if (ms < 1000) return ms + " ms";
    Duration d = Duration.ofMillis(ms);
    if (d.toMinutes() < 1) return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    if (d.toHours() < 1) return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    return d.toHours() + " h " + d.toMinutesPart() + " min";
  }

  /** A URL query value. */
  static String q(String s) {
    return java.net.URLEncoder.encode(s == null ? "" : s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
