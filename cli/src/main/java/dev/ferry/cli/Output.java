package dev.ferry.cli;

import dev.ferry.protocol.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/** How verbs talk to the person (or script) that ran them: stdout for results, stderr for trouble. */
public final class Output {
  private final CommandLine.Model.CommandSpec spec;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean fastJson;
  private boolean documentPrinted;

  public Output(CommandLine.Model.CommandSpec spec) {
    this.spec = spec;
    this.out = null;
    this.err = null;
    this.fastJson = false;
  }

  /** For a verb run without picocli ({@link StatusCommand#fast}). */
  Output(PrintWriter out, PrintWriter err, boolean json) {
    this.spec = null;
    this.out = out;
    this.err = err;
    this.fastJson = json;
  }

  /** Whether the verb was asked for {@code --json}. */
  boolean jsonMode() {
    if (spec == null) return fastJson;
    CommandLine.Model.OptionSpec o = spec.findOption("--json");
    return o != null && Boolean.TRUE.equals(o.getValue());
  }

  public PrintWriter out() { return spec == null ? out : spec.commandLine().getOut(); }

  public PrintWriter err() { return spec == null ? err : spec.commandLine().getErr(); }

  public void println(String s) { out().println(s); out().flush(); }

  public void json(Object value) {
    out().println(Json.moshi().adapter(Object.class).indent("  ").toJson(value));
    out().flush();
    documentPrinted = true;
  }

  public <T> void json(Class<T> type, T value) {
    out().println(Json.moshi().adapter(type).indent("  ").toJson(value));
    out().flush();
    documentPrinted = true;
  }

  /**
   * Prints {@code ferry: message} on stderr and returns the code, for {@code return fail(...)}.
   * With {@code --json}, a verb that has not printed its document yet prints
   * {@link #errorDocument} on stdout too: a script reads one JSON document whatever happened.
   */
  public int fail(int code, String message) {
    err().println("ferry: " + message);
    err().flush();
    if (jsonMode() && !documentPrinted) json(errorDocument(code, message));
    return code;
  }

  /** What {@code --json} prints when a verb fails: {@code {"ok": false, "exitCode": N, "error": "..."}}. */
  static Map<String, Object> errorDocument(int code, String message) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("ok", false);
    doc.put("exitCode", code);
    doc.put("error", message);
    return doc;
  }

  public static boolean isTerminal() {
    return System.console() != null;
  }
}
