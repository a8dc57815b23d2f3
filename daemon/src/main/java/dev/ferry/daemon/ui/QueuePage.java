package dev.ferry.daemon.ui;

import static dev.ferry.daemon.ui.Html.esc;
import static dev.ferry.daemon.ui.Html.q;

import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.QueueItem;
import dev.ferry.ipc.methods.QueueListParams;
import dev.ferry.ipc.methods.QueueListResult;
import java.util.List;
import java.util.Map;

/**
 * Queue: what waits for the hub and what failed for good, with retry and (after a confirmation
 * page) drop. This daemon redoes unfinished work from the folder on every run, so both lists are
 * normally empty; the page says so rather than showing an empty table.
 */
final class QueuePage {
  private final ControlCalls calls;

  QueuePage(ControlCalls calls) {
    this.calls = calls;
  }

  void get(Exchange x) throws Exception {
    QueueListResult r = calls.call(Methods.QUEUE_LIST, new QueueListParams(null), QueueListResult.class);
    StringBuilder b = new StringBuilder();
    b.append(table(x.session(), "Pending", r.pending()));
    b.append(table(x.session(), "Failed", r.failed()));
    x.html(200, Html.page("Queue", "/queue", x.session(), b.toString()));
  }

  private static String table(Sessions.Session s, String title, List<QueueItem> items) {
    StringBuilder b = new StringBuilder("<section><h2>").append(title).append("</h2>");
    if (items.isEmpty()) {
      return b.append("<p>Nothing ").append(title.toLowerCase(java.util.Locale.ROOT))
          .append(": unfinished work is picked up by the next run.</p></section>").toString();
    }
    b.append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Folder</th><th scope=\"col\">Path</th>")
        .append("<th scope=\"col\">Operation</th><th scope=\"col\">Category</th><th scope=\"col\">Attempts</th>")
        .append("<th scope=\"col\">Since</th><th scope=\"col\">Next retry</th><th scope=\"col\">Actions</th></tr></thead><tbody>");
    for (QueueItem i : items) {
      b.append("<tr><td>").append(esc(i.folder())).append("</td><td>").append(esc(i.path())).append("</td><td>")
          .append(esc(i.operation())).append("</td><td>").append(esc(i.errorCategory() == null ? "-" : i.errorCategory()));
      if (i.error() != null) b.append("<br><span class=\"error\">").append(esc(i.error())).append("</span>");
      b.append("</td><td>").append(i.attempts()).append("</td><td>").append(Html.time(i.createdAt()))
          .append("</td><td>with the next run</td><td>").append(Html.button(s, "/queue/retry", "Retry", null, "id", i.id()))
          .append(" <a class=\"button\" href=\"/queue/drop?id=").append(q(i.id())).append("\">Drop</a></td></tr>");
    }
    return b.append("</tbody></table></div></section>").toString();
  }

  void confirmDrop(Exchange x) throws Exception {
    String id = x.required("id");
    String body = "<p>Drop queue item <code>" + esc(id) + "</code>? Its change will not reach the hub unless the file"
        + " changes again.</p>" + "<div class=\"actions\">" + Html.button(x.session(), "/queue/drop", "Drop it", "danger", "id", id)
        + " <a class=\"button\" href=\"/queue\">Cancel</a></div>";
    x.html(200, Html.page("Drop a queue item", "/queue", x.session(), body));
  }

  void retry(Exchange x) throws Exception {
    act(x, Methods.QUEUE_RETRY, "retried");
  }

  void drop(Exchange x) throws Exception {
    act(x, Methods.QUEUE_DROP, "dropped");
  }

  private void act(Exchange x, String method, String done) throws Exception {
    String id = x.required("id");
    try {
      calls.call(method, Map.of("id", id), Object.class);
      x.session().flash("Queue item " + id + " " + done + ".");
    } catch (RpcException e) {
      x.session().flash("Queue item " + id + " not " + done + ": " + e.getMessage());
    }
    x.redirect("/queue");
  }
}
