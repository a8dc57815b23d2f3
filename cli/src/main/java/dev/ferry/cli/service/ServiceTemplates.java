package dev.ferry.cli.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders the service files from the templates in the repository's {@code systemd/} and
 * {@code launchd/} folders (packed into the jar by cli/pom.xml): a systemd user unit or a
 * launchd agent plist for the daemon ({@code ferry daemon}) or the hub ({@code ferry server}).
 * Every value is quoted for the format it lands in, so paths with spaces, {@code %} or
 * {@code &} survive.
 */
public final class ServiceTemplates {
  private static final Pattern SYSTEMD_PLAIN = Pattern.compile("[A-Za-z0-9/_.:,=@+-]+");

  private ServiceTemplates() {}

  /** {@code ferry.service} or {@code ferry-server.service}. */
  public static String systemdUnitName(boolean server) {
    return server ? "ferry-server.service" : "ferry.service";
  }

  /** {@code dev.ferry.daemon} or {@code dev.ferry.server}. */
  public static String launchdLabel(boolean server) {
    return server ? "dev.ferry.server" : "dev.ferry.daemon";
  }

  /** The systemd unit running {@code command} with {@code environment} set. */
  public static String systemd(boolean server, List<String> command, Map<String, String> environment) {
    StringBuilder exec = new StringBuilder();
    for (String arg : command) {
      if (exec.length() > 0) exec.append(' ');
      exec.append(systemdWord(arg));
    }
    StringBuilder env = new StringBuilder();
    environment.forEach((k, v) -> env.append("Environment=").append(systemdWord(k + "=" + v)).append('\n'));
    return template("systemd/" + systemdUnitName(server))
        .replace("{{EXEC_START}}", exec.toString())
        .replace("{{ENVIRONMENT}}", env.toString());
  }

  /** The launchd agent running {@code command}; its stdout and stderr go to files in {@code logDir}. */
  public static String launchd(boolean server, List<String> command, Map<String, String> environment, Path logDir) {
    StringBuilder args = new StringBuilder();
    for (String arg : command) args.append("    <string>").append(xml(arg)).append("</string>\n");
    StringBuilder env = new StringBuilder();
    environment.forEach((k, v) -> env.append("    <key>").append(xml(k)).append("</key>\n    <string>").append(xml(v))
        .append("</string>\n"));
    String label = launchdLabel(server);
    return template("launchd/" + label + ".plist")
        .replace("{{LABEL}}", xml(label))
        .replace("{{PROGRAM_ARGUMENTS}}", args.toString())
        .replace("{{ENVIRONMENT}}", env.toString())
        .replace("{{LOG_DIR}}", xml(logDir.toString()))
        .replace("{{NAME}}", server ? "server" : "daemon");
  }

  /**
   * One word of a systemd command line or assignment: as is when plain, else double-quoted with
   * backslash escapes. {@code %} (specifiers) and {@code $} (variable expansion) are doubled
   * in both cases so systemd passes them through literally.
   */
  static String systemdWord(String s) {
    String literal = s.replace("%", "%%").replace("$", "$$");
    if (!literal.isEmpty() && SYSTEMD_PLAIN.matcher(literal).matches()) return literal;
    StringBuilder b = new StringBuilder("\"");
    for (char c : literal.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }

  static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String template(String name) {
    try (InputStream in = ServiceTemplates.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("the service template " + name + " is missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
