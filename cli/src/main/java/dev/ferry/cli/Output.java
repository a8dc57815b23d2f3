package dev.ferry.cli;

import dev.ferry.protocol.Json;
import java.io.PrintWriter;
import picocli.CommandLine;

/** How verbs talk to the person (or script) that ran them: stdout for results, stderr for trouble. */
public final class Output {
  private final CommandLine.Model.CommandSpec spec;
  private final PrintWriter out;
  private final PrintWriter err;

  public Output(CommandLine.Model.CommandSpec spec) {
    this.spec = spec;
    this.out = null;
    this.err = null;
  }

  /** For a verb run without picocli ({@link StatusCommand#fast}). */
  Output(PrintWriter out, PrintWriter err) {
    this.spec = null;
    this.out = out;
    this.err = err;
  }

  public PrintWriter out() { return spec == null ? out : spec.commandLine().getOut(); }

  public PrintWriter err() { return spec == null ? err : spec.commandLine().getErr(); }

  public void println(String s) { out().println(s); out().flush(); }

  public void json(Object value) {
    out().println(Json.moshi().adapter(Object.class).indent("  ").toJson(value));
    out().flush();
  }

  public <T> void json(Class<T> type, T value) {
    out().println(Json.moshi().adapter(type).indent("  ").toJson(value));
    out().flush();
  }

  /** Prints {@code ferry: message} on stderr and returns the code, for {@code return fail(...)}. */
  public int fail(int code, String message) {
    err().println("ferry: " + message);
    err().flush();
    return code;
  }

  public static boolean isTerminal() {
    return System.console() != null;
  }
}
