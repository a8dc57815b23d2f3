package dev.ferry.daemon.ui;

import static dev.ferry.daemon.ui.Html.esc;

import dev.ferry.daemon.logs.LogFilter;
import dev.ferry.daemon.logs.LogLine;
import dev.ferry.daemon.logs.LogTail;
import dev.ferry.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Logs: the daemon's structured log, filtered by level and folder, the last lines at once and
 * then new ones as they are written ({@code /logs/stream}, server-sent events) — the same
 * reader as {@code ferry logs -f}, so rotation does not stop the page.
 */
final class LogsPage {
  static final int LAST = 200;
  static final Duration POLL = Duration.ofMillis(250);

  /** A line as the page shows it. */
  record LogEvent(String ts, String level, String folder, String msg) {
    static LogEvent of(LogLine l) {
      return new LogEvent(l.ts(), l.level(), l.folder(), l.msg());
    }

    /** The {@code line} event's JSON (built from a map: Moshi reads only public records). */
    String json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ts", ts);
      m.put("level", level);
      m.put("folder", folder);
      m.put("msg", msg);
      return Json.adapter(Object.class).toJson(m);
    }
  }

  /** The folder ids of the filter, as they are now (a reload adds and removes folders). */
  private final Supplier<Collection<String>> folderIds;
  private final LogTail tail;
  private final BooleanSupplier closing;

  LogsPage(Supplier<Collection<String>> folderIds, Path liveLog, BooleanSupplier closing) {
    this.folderIds = folderIds;
    this.tail = new LogTail(liveLog);
    this.closing = closing;
  }

  private static LogFilter filter(Exchange x) throws IOException {
    String level = x.param("level");
    String folder = x.param("folder");
    try {
      return new LogFilter(level == null || level.isBlank() ? "INFO" : level, folder == null || folder.isBlank() ? null : folder);
    } catch (IllegalArgumentException e) {
      throw new Exchange.BadRequest(e.getMessage());
    }
  }

  void get(Exchange x) throws Exception {
    LogFilter f = filter(x);
    long from = tail.size();
    List<LogLine> lines = tail.last(f, LAST, from);
    StringBuilder b = new StringBuilder();
    b.append("<form method=\"get\" action=\"/logs\" class=\"filters\"><label>Level <select name=\"level\">");
    for (String l : LogFilter.LEVELS) {
      b.append("<option value=\"").append(l).append('"').append(l.equals(f.minLevel()) ? " selected" : "").append('>')
          .append(l.toLowerCase(Locale.ROOT)).append(" and above</option>");
    }
    b.append("</select></label> <label>Folder <select name=\"folder\"><option value=\"\">all</option>");
    for (String id : folderIds.get()) {
      b.append("<option value=\"").append(esc(id)).append('"').append(id.equals(f.folder()) ? " selected" : "")
          .append('>').append(esc(id)).append("</option>");
    }
    b.append("</select></label> <button type=\"submit\">Show</button></form>");
    b.append("<p class=\"note\">").append(esc(tail.file().toString())).append(" · new lines appear as they are written.</p>");
    b.append("<div class=\"scroll\"><table class=\"logs\"><thead><tr><th scope=\"col\">Time</th><th scope=\"col\">Level</th>")
        .append("<th scope=\"col\">Folder</th><th scope=\"col\">Message</th></tr></thead><tbody id=\"log-lines\" data-stream=\"")
        .append("/logs/stream?level=").append(Html.q(f.minLevel())).append("&amp;folder=").append(Html.q(f.folder()))
        .append("&amp;from=").append(from).append("\" aria-live=\"polite\">");
    for (LogLine l : lines) b.append(row(LogEvent.of(l)));
    b.append("</tbody></table></div>");
    x.html(200, Html.page("Logs", "/logs", x.session(), b.toString()));
  }

  static String row(LogEvent e) {
    return "<tr class=\"lvl-" + esc(e.level().toLowerCase(Locale.ROOT)) + "\"><td>" + esc(e.ts()) + "</td><td>" + esc(e.level())
        + "</td><td>" + esc(e.folder()) + "</td><td>" + esc(e.msg()) + "</td></tr>";
  }

  void stream(Exchange x) throws Exception {
    LogFilter f = filter(x);
    long from;
    try {
      from = Long.parseLong(x.required("from"));
    } catch (NumberFormatException e) {
      throw new Exchange.BadRequest("'from' must be a byte offset");
    }
    try (OutputStream out = x.eventStream()) {
      LiveStatus.write(out, "retry: 2000\n\n");
      long[] lastWrite = {System.nanoTime()};
      BooleanSupplier running = () -> {
        if (closing.getAsBoolean()) return false;
        if ((System.nanoTime() - lastWrite[0]) / 1_000_000 < LiveStatus.HEARTBEAT_MS) return true;
        try {
          LiveStatus.write(out, ": ping\n\n");
          lastWrite[0] = System.nanoTime();
          return true;
        } catch (IOException gone) {
          return false;
        }
      };
      try {
        tail.follow(from, f, line -> {
          try {
            LiveStatus.write(out, LiveStatus.event("line", LogEvent.of(line).json()));
            lastWrite[0] = System.nanoTime();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }, running, POLL);
      } catch (UncheckedIOException gone) {
        // The browser left.
      }
    }
  }
}
