package dev.ferry.daemon.ui;

import static dev.ferry.daemon.ui.Html.esc;

import dev.ferry.ipc.methods.HistoryParams;
import dev.ferry.ipc.methods.HistoryResult;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.RunView;
import java.time.Clock;
import java.time.Duration;

/** History: the recent runs and two small charts of the last day (durations, bytes moved). */
final class HistoryPage {
  static final int RUNS = 200;

  private final ControlCalls calls;
  private final Clock clock;

  HistoryPage(ControlCalls calls, Clock clock) {
    this.calls = calls;
    this.clock = clock;
  }

  void get(Exchange x) throws Exception {
    HistoryResult h = calls.call(Methods.HISTORY_LIST, new HistoryParams(null, RUNS), HistoryResult.class);
    StringBuilder b = new StringBuilder();
    b.append("<div class=\"charts\">")
        .append(RunChart.svg("chart-duration", "Sync duration", h.runs(), clock.instant(), Duration.ofDays(1), RunView::durationMs,
            Html::duration))
        .append(RunChart.svg("chart-bytes", "Bytes moved (up + down)", h.runs(), clock.instant(), Duration.ofDays(1),
            r -> r.bytesUp() + r.bytesDown(), Html::bytes))
        .append("</div>");
    if (h.runs().isEmpty()) {
      b.append("<p>No runs yet.</p>");
    } else {
      b.append("<div class=\"scroll\"><table><caption>The last ").append(h.runs().size()).append(" runs, newest first</caption>")
          .append("<thead><tr><th scope=\"col\">Started</th><th scope=\"col\">Folder</th><th scope=\"col\">Trigger</th>")
          .append("<th scope=\"col\">Direction</th><th scope=\"col\">Result</th><th scope=\"col\">Up / down / deleted</th>")
          .append("<th scope=\"col\">Conflicts</th><th scope=\"col\">Bytes up / down</th><th scope=\"col\">Duration</th></tr></thead><tbody>");
      for (RunView r : h.runs()) {
        b.append("<tr class=\"").append(esc(r.result())).append("\"><td>").append(Html.time(r.startedAt())).append("</td><td>")
            .append(esc(r.folder())).append("</td><td>").append(esc(r.trigger())).append("</td><td>").append(esc(r.direction()))
            .append("</td><td>").append(esc(r.result()));
        if (r.error() != null) b.append("<br><span class=\"error\">").append(esc(r.error())).append("</span>");
        b.append("</td><td>").append(r.uploaded()).append(" / ").append(r.downloaded()).append(" / ").append(r.deleted())
            .append("</td><td>").append(r.conflicts()).append("</td><td>").append(Html.bytes(r.bytesUp())).append(" / ")
            .append(Html.bytes(r.bytesDown())).append("</td><td>").append(Html.duration(r.durationMs())).append("</td></tr>");
      }
      b.append("</tbody></table></div>");
    }
    x.html(200, Html.page("History", "/history", x.session(), b.toString()));
  }
}
