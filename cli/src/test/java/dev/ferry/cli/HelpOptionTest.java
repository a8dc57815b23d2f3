package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** SPEC §2: every verb, and every sub-verb, takes --help, even one with required options; and --home and --json. */
class HelpOptionTest {
  @Test
  void everyVerbAndSubVerbPrintsItsHelpAndExitsZero() {
    CommandLine all = new CommandLine(new Main());
    for (Class<?> c : Main.VERBS) all.addSubcommand(c);
    List<List<String>> commands = new ArrayList<>();
    for (var verb : all.getSubcommands().entrySet()) {
      commands.add(List.of(verb.getKey()));
      for (String sub : verb.getValue().getSubcommands().keySet()) commands.add(List.of(verb.getKey(), sub));
    }
    assertTrue(commands.size() > Main.VERBS.size(), "sub-verbs are covered too: " + commands);
    for (List<String> command : commands) {
      for (String flag : List.of("--help", "-h")) {
        List<String> args = new ArrayList<>(command);
        args.add(flag);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        assertEquals(0, code, args + ": " + err);
        assertTrue(out.toString().startsWith("Usage: ferry " + String.join(" ", command)), args + ": " + out);
      }
    }
  }

  @Test
  void noVerbIsAUsageErrorWithTheUsageOnStderr() {
    for (List<String> args : List.of(List.<String>of(), List.of("folder"), List.of("config"))) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
      assertEquals(ExitCodes.USAGE, code, args + ": " + err);
      assertEquals("", out.toString(), args + ": nothing on stdout");
      assertTrue(err.toString().startsWith("Usage: ferry" + (args.isEmpty() ? "" : " " + args.get(0))), args + ": " + err);
    }
  }

  @Test
  void everyClientVerbTakesHomeAndJson() {
    CommandLine all = new CommandLine(new Main());
    for (Class<?> c : Main.VERBS) all.addSubcommand(c);
    for (var verb : all.getSubcommands().entrySet()) {
      // The hub keeps its data under --data, not a device home, and prints a log, not a document.
      if (verb.getKey().equals("server")) continue;
      List<CommandLine> commands = new ArrayList<>();
      // A group that only shows its sub-verbs (folder, config) has nothing to read or print.
      boolean groupOnly = !verb.getValue().getSubcommands().isEmpty() && verb.getValue().getCommandSpec().options().size() <= 1;
      if (!groupOnly) commands.add(verb.getValue());
      commands.addAll(verb.getValue().getSubcommands().values());
      for (CommandLine c : commands) {
        assertTrue(c.getCommandSpec().findOption("--home") != null, c.getCommandSpec().qualifiedName() + " takes --home");
        assertTrue(c.getCommandSpec().findOption("--json") != null, c.getCommandSpec().qualifiedName() + " takes --json");
      }
    }
  }

  @Test
  void versionAndCompletionPrintOneJsonDocument() {
    StringWriter out = new StringWriter();
    assertEquals(0, Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "version", "--json", "--home", "/tmp/ferry-none"));
    assertTrue(dev.ferry.protocol.Json.readLenient(java.util.Map.class, out.toString()).containsKey("protocol"), out.toString());
    StringWriter script = new StringWriter();
    assertEquals(0, Main.run(new PrintWriter(script, true), new PrintWriter(new StringWriter(), true), "completion", "zsh", "--json"));
    var doc = dev.ferry.protocol.Json.readLenient(java.util.Map.class, script.toString());
    assertEquals("zsh", doc.get("shell"));
    assertTrue(doc.get("script").toString().contains("bashcompinit"), script.toString());
  }

  /**
   * With --json a script reads one JSON document on stdout whatever happened: here every client
   * verb runs against a home with no daemon and no account, most of them fail (exit 2 without
   * their arguments, 3 without a daemon, 1 without an account), and each prints exactly one
   * document, {"ok": false, "exitCode": N, "error": ...} when it failed.
   */
  @Test
  void everyClientVerbPrintsOneJsonDocumentEvenWhenItFails(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home) {
    // These start processes or change the machine: a hub, a daemon, a service unit, a prompt.
    java.util.Set<String> skip = java.util.Set.of("server", "quickstart", "daemon", "service install", "service uninstall");
    CommandLine all = new CommandLine(new Main());
    for (Class<?> c : Main.VERBS) all.addSubcommand(c);
    List<String> failures = new ArrayList<>();
    int failed = 0;
    for (var verb : all.getSubcommands().entrySet()) {
      List<List<String>> commands = new ArrayList<>();
      boolean groupOnly = !verb.getValue().getSubcommands().isEmpty() && verb.getValue().getCommandSpec().options().size() <= 1;
      if (!groupOnly) commands.add(List.of(verb.getKey()));
      for (String sub : verb.getValue().getSubcommands().keySet()) commands.add(List.of(verb.getKey(), sub));
      for (List<String> command : commands) {
        if (skip.contains(String.join(" ", command)) || skip.contains(command.get(0))) continue;
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--json", "--home", home.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        Object doc;
        try {
          doc = dev.ferry.protocol.Json.read(Object.class, out.toString());
        } catch (RuntimeException e) {
          failures.add(args + " exit " + code + ": stdout is not one JSON document: '" + out + "' (stderr: " + err + ")");
          continue;
        }
        if (code != 0) {
          failed++;
          if (!(doc instanceof java.util.Map<?, ?> m) || !Boolean.FALSE.equals(m.get("ok"))
              || ((Number) m.get("exitCode")).intValue() != code || m.get("error") == null) {
            failures.add(args + " exit " + code + ": the error document is " + out);
          }
        }
      }
    }
    assertEquals(List.of(), failures);
    assertTrue(failed > 10, "most verbs fail here: " + failed);
  }
}
