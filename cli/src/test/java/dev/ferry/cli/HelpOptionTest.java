package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** SPEC §2: every verb, and every sub-verb, takes --help, even one with required options. */
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
}
