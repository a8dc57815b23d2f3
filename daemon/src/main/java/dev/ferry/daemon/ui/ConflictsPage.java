package dev.ferry.daemon.ui;

import static dev.ferry.daemon.ui.Html.esc;
import static dev.ferry.daemon.ui.Html.q;

import com.squareup.moshi.JsonDataException;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.methods.ConflictDiffParams;
import dev.ferry.ipc.methods.ConflictDiffResult;
import dev.ferry.ipc.methods.ConflictResolveParams;
import dev.ferry.ipc.methods.ConflictResolveResult;
import dev.ferry.ipc.methods.ConflictView;
import dev.ferry.ipc.methods.ConflictsParams;
import dev.ferry.ipc.methods.ConflictsResult;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Conflicts: every conflict that waits for a person (a conflict copy beside the file, or a
 * "manual" one where the file kept its local content), with the common ancestor, this device's
 * version and the hub's side by side, changed lines marked. Resolving shows exactly what the
 * choice leaves under the name, then records it through {@code conflicts.resolve}, the path
 * {@code ferry resolve} takes: the folder's next run (started at once) carries it out on the
 * folder's own thread and sends the result.
 *
 * <p>{@code conflicts.diff} sends unified diffs, not versions; the ancestor (and the hub's
 * version of a manual conflict, which is not on disk) are rebuilt from them by {@link
 * UnifiedPatch}, which refuses a diff that does not fit rather than show a wrong version.
 */
final class ConflictsPage {
  /** What a person chose; {@code wire} is {@code conflicts.resolve}'s {@code keep}. */
  enum Choice {
    KEEP_LOCAL("local", "Keep local"),
    KEEP_REMOTE("remote", "Keep remote"),
    KEEP_BOTH("both", "Keep both");

    final String wire;
    final String label;

    Choice(String wire, String label) {
      this.wire = wire;
      this.label = label;
    }

    static Choice parse(String s) throws Exchange.BadRequest {
      for (Choice c : values()) {
        if (c.wire.equals(s)) return c;
      }
      throw new Exchange.BadRequest("unknown resolution '" + s + "': use local, remote or both");
    }
  }

  /**
   * The versions of one conflict as shown: {@code ancestor} is null when there is none to show,
   * and {@code ancestorNote} says which revision it is or why it is missing.
   */
  record Versions(ConflictView view, ConflictFiles.Side local, ConflictFiles.Side remote, String ancestor, String ancestorNote) {}

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
      Versions v = versions(c);
      b.append("<section class=\"conflict\" aria-label=\"Conflict on ").append(esc(c.path())).append("\" data-kind=\"")
          .append(esc(c.kind())).append("\"><h2>").append(esc(c.folder())).append(": ").append(esc(c.path())).append("</h2><p>Since ")
          .append(Html.time(c.createdAt())).append(" · hub revision ").append(c.remoteRev()).append(" · ")
          .append("manual".equals(c.kind()) ? "waiting for a decision: the file still holds this device's version"
              : "this device's version is kept as " + esc(c.copyPath()));
      if (c.reason() != null) b.append(" · ").append(esc(c.reason()));
      b.append("</p>");
      b.append(compare(v));
      b.append("<p class=\"note\">Ancestor: ").append(esc(v.ancestorNote())).append("</p>");
      b.append("<div class=\"actions\">");
      for (Choice ch : Choice.values()) {
        b.append("<a class=\"button\" href=\"/conflicts/resolve?folder=").append(q(c.folder())).append("&amp;path=")
            .append(q(c.path())).append("&amp;choice=").append(ch.wire).append("\">").append(ch.label)
            .append("<span class=\"sr\"> for ").append(esc(c.path())).append("</span></a>");
      }
      b.append("</div></section>");
    }
    x.html(200, Html.page("Conflicts", "/conflicts", x.session(), b.toString()));
  }

  /** The versions of {@code c}: the ones on disk read from the folder, the others rebuilt from {@code conflicts.diff}. */
  Versions versions(ConflictView c) throws IOException {
    ConflictDiffResult d = null;
    String diffError = null;
    try {
      d = calls.call(Methods.CONFLICTS_DIFF, new ConflictDiffParams(files.absolute(c.folder(), c.path()).toString()),
          ConflictDiffResult.class);
    } catch (RpcException e) {
      diffError = e.getMessage();
    }
    boolean manual = "manual".equals(c.kind());
    ConflictFiles.Side local = files.read(c.folder(), manual ? c.path() : c.copyPath());
    ConflictFiles.Side remote;
    if (!manual) {
      remote = files.read(c.folder(), c.path());
    } else {
      // The hub's version of a manual conflict is not on disk: the local text with "local → remote" applied.
      String label = d == null ? "hub rev " + c.remoteRev() : d.remote();
      boolean onHub = d == null || !d.remote().equals("hub (none)");
      String text = d == null ? null : UnifiedPatch.forward(local.text(), d.localVsRemote()).orElse(null);
      remote = new ConflictFiles.Side(label, onHub, text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length, null, text);
    }
    return ancestor(c, local, remote, d, diffError);
  }

  private static Versions ancestor(ConflictView c, ConflictFiles.Side local, ConflictFiles.Side remote, ConflictDiffResult d,
      String diffError) {
    if (d == null) return new Versions(c, local, remote, null, "not shown: the diff is unavailable (" + diffError + ")");
    if (d.ancestorRev() <= 0) {
      return new Versions(c, local, remote, null, "none kept on the hub, so changes are marked between the two versions.");
    }
    Optional<String> a = UnifiedPatch.reverse(local.text(), d.ancestorVsLocal());
    if (a.isEmpty()) a = UnifiedPatch.reverse(remote.text(), d.ancestorVsRemote());
    String rev = "hub revision " + d.ancestorRev() + " (the last version both devices had)";
    return a.map(text -> new Versions(c, local, remote, text, rev + "; marked where it differs from this device's."))
        .orElseGet(() -> new Versions(c, local, remote, null, rev + ", not shown: binary or large."));
  }

  /** The versions in a table: ancestor (when known), this device's, the hub's. */
  static String compare(Versions v) {
    ConflictFiles.Side local = v.local();
    ConflictFiles.Side remote = v.remote();
    boolean three = v.ancestor() != null && local.text() != null && remote.text() != null;
    StringBuilder b = new StringBuilder("<div class=\"scroll\"><table class=\"diff").append(three ? " three" : "")
        .append("\"><thead><tr>");
    if (three) b.append("<th scope=\"col\">Ancestor</th>");
    b.append("<th scope=\"col\">Local (this device): ").append(esc(local.path())).append("</th><th scope=\"col\">Remote (hub): ")
        .append(esc(remote.path())).append("</th></tr></thead><tbody>");
    if (local.text() == null || remote.text() == null) {
      b.append("<tr><td>").append(summary(local)).append("</td><td>").append(summary(remote)).append("</td></tr>");
    } else if (three) {
      for (SideBySide.Row3 r : SideBySide.align3(SideBySide.lines(v.ancestor()), SideBySide.lines(local.text()),
          SideBySide.lines(remote.text()))) {
        String cls = r.changed() ? " class=\"chg\"" : "";
        b.append("<tr").append(cls).append("><td class=\"ancestor\">").append(cell(r.ancestor(), r.ancestorChanged(), "·"))
            .append("</td><td>").append(cell(r.left(), r.changed(), "−")).append("</td><td>")
            .append(cell(r.right(), r.changed(), "+")).append("</td></tr>");
      }
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
    if (s.hash() == null) return "(on the hub, not shown: binary, large or unavailable)";
    return "(" + Html.bytes(s.size()) + (s.text() == null ? ", not shown: binary or large" : "") + ", sha-256 "
        + esc(s.hash().substring(0, Math.min(12, s.hash().length()))) + "…)";
  }

  /** What the choice will leave under the name, and a button that does it. */
  void preview(Exchange x) throws Exception {
    String folder = x.required("folder");
    String path = x.required("path");
    Choice choice = Choice.parse(x.required("choice"));
    Optional<ConflictView> found = find(folder, path);
    if (found.isEmpty()) {
      x.session().flash("No conflict on " + path + " is recorded any more (resolved meanwhile?).");
      x.redirect("/conflicts");
      return;
    }
    ConflictView c = found.get();
    Versions v = versions(c);
    boolean manual = "manual".equals(c.kind());
    String what = path.toLowerCase(Locale.ROOT).endsWith(".json") ? "JSON" : "file";
    StringBuilder b = new StringBuilder("<p>");
    ConflictFiles.Side shown = null;
    switch (choice) {
      case KEEP_LOCAL -> {
        shown = v.local();
        b.append(esc(path)).append(manual ? " keeps this device's version, which goes to the hub; the hub's revision stays in ferry versions."
            : " will hold this device's version, and " + esc(c.copyPath()) + " will be removed (it stays in ferry versions).");
        b.append(" The ").append(what).append(manual ? " that stays:" : " to be written:");
      }
      case KEEP_REMOTE -> {
        shown = v.remote();
        b.append(esc(path)).append(manual ? " will hold the hub's version; this device's version becomes a hub revision first (ferry versions)."
            : " keeps the hub's version, and " + esc(c.copyPath()) + " will be removed (it stays in ferry versions).");
        b.append(" The ").append(what).append(manual ? " to be written:" : " that stays:");
      }
      case KEEP_BOTH -> {
        if (manual) {
          shown = v.remote();
          b.append(esc(path)).append(" will hold the hub's version, and this device's version is kept beside it as a conflict copy.")
              .append(" The ").append(what).append(" to be written:");
        } else {
          b.append("Both files stay as they are: ").append(esc(path)).append(" and ").append(esc(c.copyPath()))
              .append(". The conflict is marked as settled.");
        }
      }
    }
    b.append("</p>");
    if (shown != null) b.append(pre(shown)).append(jsonCheck(path, shown));
    b.append("<form method=\"post\" action=\"/conflicts/resolve\">").append(Html.csrf(x.session()))
        .append(hidden("folder", folder)).append(hidden("path", path)).append(hidden("choice", choice.wire))
        .append("<div class=\"actions\"><button type=\"submit\" class=\"primary\">").append(choice.label)
        .append(": write it</button> <a class=\"button\" href=\"/conflicts\">Cancel</a></div></form>");
    x.html(200, Html.page(choice.label + ": " + path, "/conflicts", x.session(), b.toString()));
  }

  private Optional<ConflictView> find(String folder, String path) throws RpcException {
    return calls.call(Methods.CONFLICTS_LIST, new ConflictsParams(folder), ConflictsResult.class).conflicts().stream()
        .filter(c -> c.folder().equals(folder) && c.path().equals(path)).findFirst();
  }

  private static String pre(ConflictFiles.Side s) {
    if (s.text() == null) return "<p>" + summary(s) + "</p>";
    return "<pre class=\"preview\" tabindex=\"0\"><code>" + esc(s.text()) + "</code></pre>";
  }

  /** For a JSON file: a warning when the version to keep does not parse, since it is written as it is. */
  static String jsonCheck(String path, ConflictFiles.Side s) {
    if (s.text() == null || !path.toLowerCase(Locale.ROOT).endsWith(".json")) return "";
    try {
      Json.adapter(Object.class).fromJson(s.text());
      return "";
    } catch (IOException | JsonDataException e) {
      return "<p class=\"note\">This version is not valid JSON (" + esc(e.getMessage()) + "); it is kept exactly as shown.</p>";
    }
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + esc(value) + "\">";
  }

  void resolve(Exchange x) throws Exception {
    String folder = x.required("folder");
    String path = x.required("path");
    Choice choice = Choice.parse(x.required("choice"));
    ConflictResolveResult r;
    try {
      r = calls.call(Methods.CONFLICTS_RESOLVE, new ConflictResolveParams(files.absolute(folder, path).toString(), choice.wire),
          ConflictResolveResult.class);
    } catch (RpcException e) {
      x.session().flash(e.code() == RpcErrors.NOT_FOUND ? "No conflict on " + path + " is recorded any more (resolved meanwhile?)."
          : "Not resolved: " + e.getMessage() + ". Nothing was lost; look again.");
      x.redirect("/conflicts");
      return;
    }
    String done = r.notes().isEmpty() ? choice.label + " recorded for " + path + "." : String.join(" ", r.notes()) + ".";
    x.session().flash("failed".equals(r.result())
        ? choice.label + " recorded for " + path + ", but the run carrying it out failed (" + r.error() + "); the next run tries again."
        : done);
    x.redirect("/conflicts");
  }
}
