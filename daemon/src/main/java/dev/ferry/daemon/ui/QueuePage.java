package dev.ferry.daemon.ui;

import static dev.ferry.daemon.ui.Html.esc;
import static dev.ferry.daemon.ui.Html.q;

import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.QueueItem;
import dev.ferry.ipc.methods.QueueListParams;
import dev.ferry.ipc.methods.QueueDropParams;
import dev.ferry.ipc.methods.QueueDropResult;
import dev.ferry.ipc.methods.QueueListResult;
import dev.ferry.ipc.methods.QueueRetryParams;
import dev.ferry.ipc.methods.QueueRetryResult;
import java.util.List;

/**
 * Queue: the offline queue (local changes waiting for the hub) and the failed queue, with retry
 * ({@code queue.retry}: attempts counted afresh and a sync started) and, after a confirmation
 * page, drop ({@code queue.drop}: the item is given up, the local file is kept). Both call the
 * same handlers as {@code ferry queue retry} and {@code ferry queue drop}.
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
    if (!r.failed().isEmpty()) {
      b.append("<div class=\"actions\">").append(Html.button(x.session(), "/queue/retry", "Retry all failed", null, "all", "true"))
          .append("</div>");
    }
    x.html(200, Html.page("Queue", "/queue", x.session(), b.toString()));
  }

  private static String table(Sessions.Session s, String title, List<QueueItem> items) {
    StringBuilder b = new StringBuilder("<section><h2>").append(title).append("</h2>");
    if (items.isEmpty()) {
      return b.append("<p>Nothing ").append(title.toLowerCase(java.util.Locale.ROOT)).append(".</p></section>").toString();
    }
    b.append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Folder</th><th scope=\"col\">Path</th>")
        .append("<th scope=\"col\">Operation</th><th scope=\"col\">Category</th><th scope=\"col\">Attempts</th>")
        .append("<th scope=\"col\">Since</th><th scope=\"col\">Next retry</th><th scope=\"col\">Actions</th></tr></thead><tbody>");
    for (QueueItem i : items) {
      b.append("<tr><td>").append(esc(i.folder())).append("</td><td>").append(esc(i.path())).append("</td><td>")
          .append(esc(i.operation())).append("</td><td>").append(esc(i.errorCategory() == null ? "-" : i.errorCategory()));
      if (i.error() != null) b.append("<br><span class=\"error\">").append(esc(i.error())).append("</span>");
      b.append("</td><td>").append(i.attempts()).append("</td><td>").append(Html.time(i.createdAt()))
          .append("</td><td>").append(i.nextAttemptAt() == null ? "with the next run" : Html.time(i.nextAttemptAt())).append("</td><td>").append(Html.button(s, "/queue/retry", "Retry", null, "id", i.id()))
          .append(" <a class=\"button\" href=\"/queue/drop?id=").append(q(i.id())).append("\">Drop</a></td></tr>");
    }
    return b.append("</tbody></table></div></section>").toString();
  }

  void confirmDrop(Exchange x) throws Exception {
    String id = x.required("id");
    QueueListResult r = calls.call(Methods.QUEUE_LIST, new QueueListParams(null), QueueListResult.class);
    QueueItem item = java.util.stream.Stream.concat(r.pending().stream(), r.failed().stream()).filter(i -> i.id().equals(id))
        .findFirst().orElse(null);
    if (item == null) {
      x.session().flash("Queue item " + id + " is gone already (sent or dropped meanwhile).");
      x.redirect("/queue");
      return;
    }
    String body = "<p>Drop queue item <code>" + esc(id) + "</code> (" + esc(item.operation()) + " of " + esc(item.folder()) + ": "
        + esc(item.path()) + ")? Its change will not reach the hub unless the file changes again; the local file is kept.</p>"
        + "<div class=\"actions\">" + Html.button(x.session(), "/queue/drop", "Drop it", "danger", "id", id)
        + " <a class=\"button\" href=\"/queue\">Cancel</a></div>";
    x.html(200, Html.page("Drop a queue item", "/queue", x.session(), body));
  }

  void retry(Exchange x) throws Exception {
    boolean all = "true".equals(x.param("all"));
    String id = all ? null : x.required("id");
    String what = all ? "The failed items" : "Queue item " + id;
    try {
      QueueRetryResult r = calls.call(Methods.QUEUE_RETRY, new QueueRetryParams(id, all, null), QueueRetryResult.class);
      x.session().flash(r.retried().isEmpty() ? what + ": nothing to retry (sent or retried meanwhile)."
          : what + " put back to be tried again" + (r.folders().isEmpty() ? "." : "; syncing " + String.join(", ", r.folders()) + "."));
    } catch (RpcException e) {
      x.session().flash(what + " not retried: " + e.getMessage());
    }
    x.redirect("/queue");
  }

  void drop(Exchange x) throws Exception {
    String id = x.required("id");
    try {
      QueueDropResult r = calls.call(Methods.QUEUE_DROP, new QueueDropParams(id), QueueDropResult.class);
      x.session().flash("Queue item " + id + " (" + r.dropped().operation() + " " + r.dropped().path()
          + ") dropped; the local file is kept.");
    } catch (RpcException e) {
      x.session().flash("Queue item " + id + " not dropped: " + e.getMessage());
    }
    x.redirect("/queue");
  }
}
