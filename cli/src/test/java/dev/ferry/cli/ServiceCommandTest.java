package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.service.ServiceTemplates;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The service files as rendered, and {@code ferry service install --print}, which touches nothing. */
class ServiceCommandTest {
  @TempDir Path dir;

  static Map<String, String> env(String home) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JAVA_HOME", "/usr/lib/jvm/java-17");
    env.put("FERRY_HOME", home);
    return env;
  }

  @Test
  void printShowsTheUnitWithAnAbsoluteLauncherAndWritesNothing() throws Exception {
    CliRun.Result r = CliRun.run("service", "install", "--print", "--home", dir.toString());
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    String unit = r.out();
    assertTrue(unit.contains("[Service]"), unit);
    String exec = unit.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
    String launcher = exec.substring("ExecStart=".length()).split(" ")[0];
    assertTrue(Path.of(launcher).isAbsolute() && Files.isExecutable(Path.of(launcher)), exec);
    assertTrue(exec.endsWith(" daemon"), exec);
    assertTrue(unit.contains("Environment=FERRY_HOME=" + dir + "\n"), unit);
    assertTrue(unit.contains("Restart=on-failure") && unit.contains("StandardOutput=journal"), unit);
    assertTrue(r.err().contains("systemctl --user enable --now ferry.service"), r.err());
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count(), "--print changes nothing");
    }
    CliRun.Result json = CliRun.run("service", "install", "--print", "--json", "--home", dir.toString());
    Map<?, ?> doc = dev.ferry.protocol.Json.read(Map.class, json.out());
    assertEquals(unit, doc.get("content"));
    assertTrue(doc.get("file").toString().endsWith("/ferry.service"), json.out());
    assertTrue(doc.get("steps").toString().contains("enable"), json.out());
    CliRun.Result hub = CliRun.run("service", "install", "--server", "--print", "--data", dir.resolve("hub").toString());
    assertTrue(hub.out().contains(" server --data " + dir.resolve("hub")), hub.out());
    assertTrue(hub.err().contains("ferry-server.service"), hub.err());
  }

  /** What {@link #ferryWithoutSystemdSession} printed and returned. */
  record Proc(int exit, String out, String err) {}

  /**
   * {@code ferry ARGS} in a process of its own whose {@code systemctl} answers as it does where
   * no systemd user session runs (a container, {@code su}): the JVM's PATH cannot be changed
   * in-process. Its unit files go under {@code dir/xdg}.
   */
  Proc ferryWithoutSystemdSession(String... args) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path systemctl = bin.resolve("systemctl");
    Files.writeString(systemctl, "#!/bin/sh\necho \"$*\" >> '" + dir.resolve("systemctl.calls")
        + "'\necho 'Failed to connect to bus: No medium found' >&2\nexit 1\n");
    systemctl.toFile().setExecutable(true);
    List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.ferry.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(dir.resolve("stderr").toFile());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ferry did not finish");
    return new Proc(p.exitValue(), out, Files.readString(dir.resolve("stderr")));
  }

  @Test
  void withoutASystemdUserSessionInstallLeavesNothingBehindAndStatusIsNotRunning() throws Exception {
    Assumptions.assumeFalse(System.getProperty("os.name", "").startsWith("Mac"), "systemd only");
    Path unit = dir.resolve("xdg/systemd/user/ferry.service");
    Proc install = ferryWithoutSystemdSession("service", "install", "--json", "--home", dir.resolve("home").toString());
    assertEquals(ExitCodes.FAILED, install.exit(), install.err());
    Map<?, ?> doc = dev.ferry.protocol.Json.read(Map.class, install.out());
    assertEquals(false, doc.get("ok"), install.out());
    String error = doc.get("error").toString();
    assertTrue(error.contains("daemon-reload") && error.contains("no systemd user session")
        && error.contains("loginctl enable-linger"), error);
    assertTrue(error.contains("nothing was installed"), error);
    assertFalse(Files.exists(unit), "the unit written before systemctl failed is removed again");

    // A unit installed earlier (while a session ran) is put back as it was, and is not running now.
    Files.writeString(unit, "[Unit]\nDescription=installed earlier\n");
    Proc again = ferryWithoutSystemdSession("service", "install", "--home", dir.resolve("home").toString());
    assertEquals(ExitCodes.FAILED, again.exit(), again.err());
    assertEquals("[Unit]\nDescription=installed earlier\n", Files.readString(unit));
    Proc status = ferryWithoutSystemdSession("service", "status", "--json");
    assertEquals(ExitCodes.NO_DAEMON, status.exit(), status.err());
    Map<?, ?> st = dev.ferry.protocol.Json.read(Map.class, status.out());
    assertEquals(true, st.get("installed"), status.out());
    assertEquals(false, st.get("running"), status.out());
    assertTrue(status.err().contains("no systemd user session"), status.err());
  }

  @Test
  void theUnitKeepsJvmBreakingHardeningOut() {
    String unit = ServiceTemplates.systemd(false, List.of("/opt/ferry/bin/ferry", "daemon"), env("/home/a/.ferry"));
    for (String bad : List.of("MemoryDenyWriteExecute", "PrivateTmp", "SystemCallFilter")) {
      assertFalse(unit.lines().anyMatch(l -> l.startsWith(bad)), bad + " must not be set:\n" + unit);
    }
    assertTrue(unit.contains("NoNewPrivileges=yes"), unit);
  }

  @Test
  void awkwardPathsAreQuotedForSystemd() {
    String unit = ServiceTemplates.systemd(false, List.of("/opt/my ferry/bin/ferry", "daemon"), env("/home/a/100% \"x\""));
    assertTrue(unit.contains("ExecStart=\"/opt/my ferry/bin/ferry\" daemon\n"), unit);
    assertTrue(unit.contains("Environment=\"FERRY_HOME=/home/a/100%% \\\"x\\\"\"\n"), unit);
  }

  @Test
  void theRenderedUnitPassesSystemdAnalyzeVerify() throws Exception {
    Path tool = Path.of("/usr/bin/systemd-analyze");
    Assumptions.assumeTrue(Files.isExecutable(tool), "systemd-analyze is not installed here; skipping the unit check");
    Path exec = dir.resolve("my ferry").resolve("ferry");
    Files.createDirectories(exec.getParent());
    Files.writeString(exec, "#!/bin/sh\n");
    exec.toFile().setExecutable(true);
    Path unit = dir.resolve("ferry.service");
    Files.writeString(unit, ServiceTemplates.systemd(false, List.of(exec.toString(), "daemon"), env(dir + "/100% home")));
    Process p = new ProcessBuilder(tool.toString(), "verify", unit.toString()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "systemd-analyze did not finish");
    assertEquals(0, p.exitValue(), output);
    // verify only warns (exit 0) about a setting it ignores: any line about our file is a failure.
    assertFalse(output.contains(unit.toString()), output);
  }

  @Test
  void theLaunchdAgentIsValidXmlWithKeepAliveAndLogPaths() throws Exception {
    String plist = ServiceTemplates.launchd(false, List.of("/Applications/Ferry & Co/bin/ferry", "daemon"),
        env("/Users/a/ferry"), Path.of("/Users/a/Library/Logs/ferry"));
    assertTrue(plist.contains("<plist"), plist);
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(plist.getBytes(StandardCharsets.UTF_8)));
    String text = doc.getDocumentElement().getTextContent();
    assertTrue(text.contains("/Applications/Ferry & Co/bin/ferry"), text);
    assertTrue(plist.contains("<key>KeepAlive</key>"), plist);
    assertTrue(plist.contains("<string>/Users/a/Library/Logs/ferry/daemon.err.log</string>"), plist);
    assertTrue(plist.contains("<string>dev.ferry.daemon</string>"), plist);
  }

  @Test
  void completionScriptsNameTheVerbs() {
    CliRun.Result bash = CliRun.run("completion", "bash");
    assertEquals(ExitCodes.OK, bash.exit(), bash.err());
    assertTrue(bash.out().contains("complete -F") && bash.out().contains("history"), bash.out().substring(0, 200));
    CliRun.Result zsh = CliRun.run("completion", "zsh");
    assertTrue(zsh.out().contains("bashcompinit"), "zsh needs bashcompinit");
    assertEquals(ExitCodes.USAGE, CliRun.run("completion", "fish").exit());
  }
}
