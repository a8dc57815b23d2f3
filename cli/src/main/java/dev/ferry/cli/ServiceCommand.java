package dev.ferry.cli;

import dev.ferry.cli.service.Launcher;
import dev.ferry.cli.service.ServiceTemplates;
import dev.ferry.config.FerryLocations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry service install|uninstall|status [--server] [--print]}: the systemd user unit
 * (Linux) or launchd agent (macOS) that runs the daemon, or with {@code --server} the hub.
 */
@Command(name = "service", description = "Install, remove or show the systemd user unit / launchd agent that runs ferry.")
public final class ServiceCommand implements Callable<Integer> {
  /** What to do with the service. */
  public enum Action { install, uninstall, status }

  @Mixin CommonOptions common;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ACTION", description = "install, uninstall or status.")
  Action action;

  @Option(names = "--server", description = "The hub ('ferry server') instead of the sync daemon.")
  boolean server;

  @Option(names = "--data", paramLabel = "DIR", description = "With --server: the hub's data directory.")
  Path data;

  @Option(names = "--print", description = "Print what would be written and run; change nothing.")
  boolean print;

  @Override
  public Integer call() {
    Output out = new Output(spec);
    if (data != null && !server) return out.fail(ExitCodes.USAGE, "--data applies to the hub: add --server");
    boolean mac = System.getProperty("os.name", "").startsWith("Mac");
    try {
      Path file = mac ? launchAgents().resolve(ServiceTemplates.launchdLabel(server) + ".plist")
          : systemdUserDir().resolve(ServiceTemplates.systemdUnitName(server));
      return switch (action) {
        case install -> install(out, mac, file);
        case uninstall -> uninstall(out, mac, file);
        case status -> status(out, mac, file);
      };
    } catch (Exception e) {
      return Failures.report(out, e);
    }
  }

  private int install(Output out, boolean mac, Path file) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(Launcher.command(System.getenv()));
    command.add(server ? "server" : "daemon");
    if (server && data != null) {
      command.add("--data");
      command.add(data.toAbsolutePath().normalize().toString());
    }
    Map<String, String> env = new LinkedHashMap<>();
    // The manager's environment is bare: name the JVM this ferry runs on (bin/ferry honours JAVA_HOME).
    env.put("JAVA_HOME", System.getProperty("java.home"));
    FerryLocations loc = common.locations();
    if (!server && loc.home() != null) env.put(FerryLocations.FERRY_HOME, loc.home().toString());
    String content = mac ? ServiceTemplates.launchd(server, command, env, macLogs())
        : ServiceTemplates.systemd(server, command, env);
    List<List<String>> steps = mac
        ? List.of(List.of("launchctl", "bootstrap", "gui/" + uid(), file.toString()))
        : List.of(List.of("systemctl", "--user", "daemon-reload"),
            List.of("systemctl", "--user", "enable", "--now", ServiceTemplates.systemdUnitName(server)));
    if (print) {
      if (common.json()) {
        out.json(doc(file, "content", content, "steps", steps));
        return ExitCodes.OK;
      }
      out.err().println("# would write " + file + " and then run:");
      for (List<String> s : steps) out.err().println("#   " + String.join(" ", s));
      out.err().flush();
      out.out().print(content);
      out.out().flush();
      return ExitCodes.OK;
    }
    Files.createDirectories(file.getParent());
    if (mac) {
      Files.createDirectories(macLogs());
      // A loaded agent must be booted out before the new plist can be bootstrapped.
      if (Files.exists(file)) run(List.of("launchctl", "bootout", "gui/" + uid(), file.toString()));
    }
    // What was there before, so that a failed step puts it back: nothing is left half installed.
    String previous = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    Files.writeString(file, content, StandardCharsets.UTF_8);
    for (List<String> s : steps) {
      Result r = run(s);
      if (r.exit != 0) {
        if (previous == null) Files.delete(file);
        else Files.writeString(file, previous, StandardCharsets.UTF_8);
        if (!mac) run(List.of("systemctl", "--user", "daemon-reload"));
        return out.fail(ExitCodes.FAILED, String.join(" ", s) + " failed (exit " + r.exit + "): " + r.output.strip()
            + noSessionHint(r) + "; nothing was installed (" + (previous == null ? "removed " : "put back the previous ") + file + ")");
      }
    }
    if (!common.json()) out.println("wrote " + file);
    if (common.json()) {
      out.json(doc(file, "installed", true, "started", true));
    } else {
      out.println((server ? "the hub" : "the daemon") + " is installed and started; see 'ferry service status"
          + (server ? " --server" : "") + "'");
    }
    return ExitCodes.OK;
  }

  private int uninstall(Output out, boolean mac, Path file) throws IOException, InterruptedException {
    List<List<String>> steps = mac
        ? List.of(List.of("launchctl", "bootout", "gui/" + uid(), file.toString()))
        : List.of(List.of("systemctl", "--user", "disable", "--now", ServiceTemplates.systemdUnitName(server)));
    List<List<String>> all = new ArrayList<>(steps);
    all.add(List.of("rm", file.toString()));
    if (!mac) all.add(List.of("systemctl", "--user", "daemon-reload"));
    if (print) {
      if (common.json()) out.json(doc(file, "steps", all));
      else for (List<String> s : all) out.println(String.join(" ", s));
      return ExitCodes.OK;
    }
    if (!Files.exists(file)) {
      if (common.json()) out.json(doc(file, "removed", false));
      else out.err().println("ferry: not installed (no " + file + ")");
      return ExitCodes.OK;
    }
    for (List<String> s : steps) {
      Result r = run(s);
      // Stopping something already stopped is fine; the file goes either way.
      if (r.exit != 0) out.err().println("ferry: " + String.join(" ", s) + ": " + r.output.strip());
    }
    Files.delete(file);
    if (!mac) run(List.of("systemctl", "--user", "daemon-reload"));
    if (common.json()) out.json(doc(file, "removed", true));
    else out.println("removed " + file);
    return ExitCodes.OK;
  }

  private int status(Output out, boolean mac, Path file) throws IOException, InterruptedException {
    if (!Files.exists(file)) {
      String hint = "not installed (no " + file + "); install with 'ferry service install" + (server ? " --server" : "") + "'";
      if (common.json()) out.json(doc(file, "installed", false, "error", hint));
      else out.println(hint);
      return ExitCodes.FAILED;
    }
    List<String> s = mac ? List.of("launchctl", "print", "gui/" + uid() + "/" + ServiceTemplates.launchdLabel(server))
        : List.of("systemctl", "--user", "status", "--no-pager", ServiceTemplates.systemdUnitName(server));
    if (print) {
      if (common.json()) out.json(doc(file, "steps", List.of(s)));
      else out.println(String.join(" ", s));
      return ExitCodes.OK;
    }
    Result r = run(s);
    // Installed but not running is ferry's 3 (no daemon), whatever kept it from running: stopped
    // (systemctl's own 3), failed, or no service manager to ask (no systemd user session).
    if (common.json()) {
      out.json(doc(file, "installed", true, "running", r.exit == 0, "output", r.output));
    } else {
      out.out().print(r.output);
      out.out().flush();
    }
    if (r.exit == 0) return ExitCodes.OK;
    String hint = noSessionHint(r);
    if (!hint.isEmpty()) {
      out.err().println("ferry: installed but not running" + hint);
      out.err().flush();
    }
    return ExitCodes.NO_DAEMON;
  }

  private record Result(int exit, String output) {}

  /**
   * What to do when systemctl could not reach a user service manager (in a container, over
   * {@code su}, or once the user's last session ended), as text to append to the error; else "".
   */
  private static String noSessionHint(Result r) {
    if (!r.output.contains("Failed to connect to bus")) return "";
    return ": no systemd user session is running for " + System.getProperty("user.name")
        + "; log in to one (not su), or 'loginctl enable-linger " + System.getProperty("user.name")
        + "' to keep one running without a login, then try again";
  }

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Result(127, command.get(0) + " is not available: " + e.getMessage());
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (InputStream in = p.getInputStream()) {
      in.transferTo(buf);
    }
    return new Result(p.waitFor(), buf.toString(StandardCharsets.UTF_8));
  }

  private static Path systemdUserDir() {
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("systemd").resolve("user");
  }

  private static Path launchAgents() {
    return Path.of(System.getProperty("user.home"), "Library", "LaunchAgents");
  }

  private static Path macLogs() {
    return Path.of(System.getProperty("user.home"), "Library", "Logs", "ferry");
  }

  private static long uid() throws IOException {
    return ((Number) Files.getAttribute(Path.of(System.getProperty("user.home")), "unix:uid")).longValue();
  }

  /** The {@code --json} document: the unit file, then key/value pairs. */
  private static Map<String, Object> doc(Path file, Object... pairs) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("file", file.toString());
    for (int i = 0; i < pairs.length; i += 2) d.put((String) pairs[i], pairs[i + 1]);
    return d;
  }
}
