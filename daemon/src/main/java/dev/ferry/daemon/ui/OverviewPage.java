package dev.ferry.daemon.ui;

import static dev.ferry.daemon.ui.Html.esc;

import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.methods.FolderStatusView;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.PauseParams;
import dev.ferry.ipc.methods.PauseResult;
import dev.ferry.ipc.methods.StatusParams;
import dev.ferry.ipc.methods.StatusResult;
import dev.ferry.ipc.methods.SyncParams;
import dev.ferry.ipc.methods.SyncResult;
import java.io.IOException;
import java.util.List;

/**
 * Overview: each folder with its state, whether the hub answers, the last sync, what waits, and
 * sync / pause / resume. The table updates itself from {@code /events} when JavaScript runs;
 * without it, the page is still complete and reloading shows the news.
 */
final class OverviewPage {
  /** The phases of a run in the order FolderSync goes through them: the progress bar's steps. */
  static final List<String> PHASES = List.of("CHECKING", "DOWNLOADING", "RESOLVING", "UPLOADING");

  private final ControlCalls calls;

  OverviewPage(ControlCalls calls) {
    this.calls = calls;
  }

  void get(Exchange x) throws Exception {
    StatusResult st = calls.call(Methods.STATUS, new StatusParams(), StatusResult.class);
    StringBuilder b = new StringBuilder();
    b.append("<p class=\"device\">Device <strong>").append(esc(st.device())).append("</strong> · hub ")
        .append(esc(st.server())).append(" · <span data-field=\"online\">").append(st.online() ? "online" : "offline")
        .append("</span></p>");
    if (st.folders().isEmpty()) {
      b.append("<p>No folders yet: add one with <code>ferry folder add ID PATH</code>.</p>");
    } else {
      b.append("<div class=\"folders\">");
      for (FolderStatusView f : st.folders()) b.append(card(x.session(), f));
      b.append("</div>");
    }
    b.append("<section aria-labelledby=\"activity-h\"><h2 id=\"activity-h\">Activity</h2>")
        .append("<ol id=\"activity\" class=\"activity\" aria-live=\"polite\"></ol>")
        .append("<noscript><p>Live updates need JavaScript; reload the page to see changes.</p></noscript></section>");
    x.html(200, Html.page("Overview", "/", x.session(), b.toString()));
  }

  private static String card(Sessions.Session s, FolderStatusView f) {
    String id = esc(f.id());
    StringBuilder b = new StringBuilder();
    b.append("<section class=\"folder\" data-folder=\"").append(id).append("\" aria-labelledby=\"f-").append(id).append("\">")
        .append("<h2 id=\"f-").append(id).append("\">").append(id).append("</h2>")
        .append("<p class=\"path\">").append(esc(f.path())).append("</p><dl>")
        .append("<dt>State</dt><dd><span data-field=\"state\" class=\"state\">").append(esc(stateLabel(f))).append("</span> ")
        .append(progress(f.state())).append("</dd>")
        .append("<dt>Hub</dt><dd data-field=\"online\">").append(f.online() ? "online" : "offline").append("</dd>")
        .append("<dt>Last sync</dt><dd data-field=\"lastSync\">").append(Html.time(f.lastSync()))
        .append(f.lastResult() == null ? "" : " (" + esc(f.lastResult()) + ")").append("</dd>")
        .append("<dt>Pending</dt><dd data-field=\"pending\">").append(f.pending()).append("</dd>")
        .append("<dt>Failed</dt><dd data-field=\"failed\">").append(f.failed()).append("</dd>")
        .append("<dt>Conflicts</dt><dd data-field=\"conflicts\">");
    if (f.conflicts() > 0) b.append("<a href=\"/conflicts\">").append(f.conflicts()).append("</a>");
    else b.append("0");
    b.append("</dd></dl>");
    b.append("<p class=\"error\" data-field=\"lastError\"").append(f.lastError() == null ? " hidden" : "").append('>')
        .append(esc(f.lastError())).append("</p>");
    b.append("<div class=\"actions\">").append(Html.button(s, "/folders/sync", "Sync " + f.id(), "primary", "folder", f.id()));
    if (f.paused()) b.append(Html.button(s, "/folders/resume", "Resume " + f.id(), null, "folder", f.id()));
    else b.append(Html.button(s, "/folders/pause", "Pause " + f.id(), null, "folder", f.id()));
    return b.append("</div></section>").toString();
  }

  static String stateLabel(FolderStatusView f) {
    return f.paused() ? f.state() + " (paused)" : f.state();
  }

  /** A determinate bar during a run: which of the four phases it is in. Hidden when idle. */
  static String progress(String state) {
    int phase = PHASES.indexOf(state);
    return "<progress data-field=\"progress\" max=\"" + PHASES.size() + "\" value=\"" + (phase + 1) + "\""
        + (phase < 0 ? " hidden" : "") + " aria-label=\"Sync progress\">" + (phase + 1) + " of " + PHASES.size()
        + "</progress>";
  }

  void sync(Exchange x) throws Exception {
    String folder = x.required("folder");
    // noWait: the page comes back at once and the live updates show the run.
    SyncResult r = calls.call(Methods.SYNC, new SyncParams(folder, SyncParams.BOTH, false, true, false), SyncResult.class);
    x.session().flash("Sync of " + folder + " " + (r.folders().isEmpty() ? "requested" : r.folders().get(0).result()) + ".");
    x.redirect("/");
  }

  void pause(Exchange x) throws Exception {
    pauseOrResume(x, Methods.PAUSE, "paused");
  }

  void resume(Exchange x) throws Exception {
    pauseOrResume(x, Methods.RESUME, "resumed");
  }

  private void pauseOrResume(Exchange x, String method, String done) throws IOException, RpcException {
    String folder = x.required("folder");
    calls.call(method, new PauseParams(folder), PauseResult.class);
    x.session().flash(folder + " " + done + ".");
    x.redirect("/");
  }
}
