package dev.ferry.daemon.ui;

import static dev.ferry.daemon.ui.Html.esc;
import static dev.ferry.daemon.ui.Html.q;

import dev.ferry.ipc.methods.ConflictView;
import dev.ferry.ipc.methods.ConflictsParams;
import dev.ferry.ipc.methods.ConflictsResult;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.SyncParams;
import dev.ferry.ipc.methods.SyncResult;
import java.io.IOException;
import java.util.List;

/**
 * Conflicts: each recorded conflict with this device's version and the hub's side by side,
 * changed lines marked; resolving goes through a preview of exactly what will be on disk, then
 * a POST that writes it.
 *
 * <p>This build keeps no ancestor content (the index holds only hashes), so the ancestor column
 * says so rather than guessing; three-way merges are the conflicts engine's job
 * ({@code conflicts.resolve}), which this page does not require.
 */
final class ConflictsPage {
  private final ControlCalls calls;
  private final ConflictFiles files;

  ConflictsPage(ControlCalls calls, ConflictFiles files) {
    this.calls = calls;
    this.files = files;
  }

  void get(Exchange x) throws Exception {
    List<ConflictView> list = calls.call(Methods.CONFLICTS_LIST, new ConflictsParams(null), ConflictsResult.class).conflicts();
    StringBuilder b = new StringBuilder();
    if (list.isEmpty()) b.append("<p>No conflicts. Everything agrees.</p>");
    for (ConflictView c : list) {
      ConflictFiles.Side remote = files.read(c.folder(), c.path());
      ConflictFiles.Side local = files.read(c.folder(), c.copyPath());
      b.append("<section class=\"conflict\" aria-label=\"Conflict on ").append(esc(c.path())).append("\"><h2>")
          .append(esc(c.folder())).append(": ").append(esc(c.path())).append("</h2><p>Since ").append(Html.time(c.createdAt()))
          .append(" · hub revision ").append(c.remoteRev()).append("</p>");
      b.append(compare(local, remote));
      b.append("<p class=\"note\">Ancestor: not kept on this device, so changes are marked between the two versions.</p>");
      b.append("<div class=\"actions\">");
      for (ConflictFiles.Choice ch : ConflictFiles.Choice.values()) {
        b.append("<a class=\"button\" href=\"/conflicts/resolve?folder=").append(q(c.folder())).append("&amp;path=")
            .append(q(c.path())).append("&amp;copy=").append(q(c.copyPath())).append("&amp;choice=").append(ch.wire).append("\">")
            .append(ch.label).append("<span class=\"sr\"> for ").append(esc(c.path())).append("</span></a>");
      }
      b.append("</div></section>");
    }
    x.html(200, Html.page("Conflicts", "/conflicts", x.session(), b.toString()));
  }

  /** The two versions in a table: this device's (the copy) left, the hub's (under the name) right. */
  static String compare(ConflictFiles.Side local, ConflictFiles.Side remote) {
    StringBuilder b = new StringBuilder("<div class=\"scroll\"><table class=\"diff\"><thead><tr><th scope=\"col\">Local (this device): ")
        .append(esc(local.path())).append("</th><th scope=\"col\">Remote (hub): ").append(esc(remote.path()))
        .append("</th></tr></thead><tbody>");
    if (local.text() == null || remote.text() == null) {
      b.append("<tr><td>").append(summary(local)).append("</td><td>").append(summary(remote)).append("</td></tr>");
    } else {
      for (SideBySide.Row r : SideBySide.align(SideBySide.lines(local.text()), SideBySide.lines(remote.text()))) {
        String cls = r.changed() ? " class=\"chg\"" : "";
        b.append("<tr").append(cls).append("><td>").append(cell(r.left(), r.changed(), "−")).append("</td><td>")
            .append(cell(r.right(), r.changed(), "+")).append("</td></tr>");
      }
    }
    return b.append("</tbody></table></div>").toString();
  }

  private static String cell(String line, boolean changed, String mark) {
    if (line == null) return "<span class=\"none\" aria-label=\"no line\"></span>";
    // The mark says "changed" without relying on colour.
    return (changed ? "<span class=\"mark\" aria-label=\"changed\">" + mark + "</span>" : "") + "<code>" + esc(line) + "</code>";
  }

  private static String summary(ConflictFiles.Side s) {
    if (!s.exists()) return "(no file)";
    return "(" + Html.bytes(s.size()) + (s.text() == null ? ", not shown: binary or large" : "") + ", sha-256 "
        + esc(s.hash().substring(0, Math.min(12, s.hash().length()))) + "…)";
  }

  /** What the choice will leave on disk, and a button that does it. */
  void preview(Exchange x) throws Exception {
    String folder = x.required("folder");
    String path = x.required("path");
    String copy = x.required("copy");
    ConflictFiles.Choice choice = ConflictFiles.Choice.parse(x.required("choice"));
    if (!files.recorded(folder, path, copy)) {
      x.session().flash("That conflict is not recorded any more (resolved meanwhile?).");
      x.redirect("/conflicts");
      return;
    }
    ConflictFiles.Side remote = files.read(folder, path);
    ConflictFiles.Side local = files.read(folder, copy);
    StringBuilder b = new StringBuilder();
    boolean json = path.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
    switch (choice) {
      case KEEP_LOCAL -> b.append("<p>").append(esc(path)).append(" will hold this device's version, and ").append(esc(copy))
          .append(" will be removed. The ").append(json ? "JSON" : "file").append(" to be written:</p>").append(pre(local));
      case KEEP_REMOTE -> b.append("<p>").append(esc(path)).append(" keeps the hub's version, and ").append(esc(copy))
          .append(" will be removed. The ").append(json ? "JSON" : "file").append(" that stays:</p>").append(pre(remote));
      case KEEP_BOTH -> b.append("<p>Both files stay as they are: ").append(esc(path)).append(" and ").append(esc(copy))
          .append(". The conflict is marked as seen.</p>");
    }
    b.append("<form method=\"post\" action=\"/conflicts/resolve\">").append(Html.csrf(x.session()))
        .append(hidden("folder", folder)).append(hidden("path", path)).append(hidden("copy", copy))
        .append(hidden("choice", choice.wire)).append("<div class=\"actions\"><button type=\"submit\" class=\"primary\">")
        .append(choice.label).append(": write it</button> <a class=\"button\" href=\"/conflicts\">Cancel</a></div></form>");
    x.html(200, Html.page(choice.label + ": " + path, "/conflicts", x.session(), b.toString()));
  }

  private static String pre(ConflictFiles.Side s) {
    if (s.text() == null) return "<p>" + summary(s) + "</p>";
    return "<pre class=\"preview\" tabindex=\"0\"><code>" + esc(s.text()) + "</code></pre>";
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + esc(value) + "\">";
  }

  void resolve(Exchange x) throws Exception {
    String folder = x.required("folder");
    String path = x.required("path");
    String copy = x.required("copy");
    ConflictFiles.Choice choice = ConflictFiles.Choice.parse(x.required("choice"));
    try {
      files.resolve(folder, path, copy, choice);
    } catch (Exchange.BadRequest e) {
      throw e;
    } catch (IOException e) {
      x.session().flash("Not resolved: " + e.getMessage() + ". Nothing was lost; look again.");
      x.redirect("/conflicts");
      return;
    }
    // The outcome travels to the hub with the next run; start it now rather than at the next trigger.
    calls.call(Methods.SYNC, new SyncParams(folder, SyncParams.BOTH, false, true, false), SyncResult.class);
    x.session().flash(ConflictFiles.describe(choice, path, copy));
    x.redirect("/conflicts");
  }
}
