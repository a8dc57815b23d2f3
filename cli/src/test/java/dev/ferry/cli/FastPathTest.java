package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The client's fast start: verbs built one at a time, and {@code status} parsed without picocli. */
class FastPathTest {
  @Test
  void everyVerbIsFoundByItsOwnName() {
    Set<String> names = new HashSet<>();
    for (Class<?> c : Main.VERBS) {
      String name = c.getAnnotation(CommandLine.Command.class).name();
      assertTrue(names.add(name), "two verbs named " + name);
      assertEquals(c, Main.verb(name));
    }
    assertNull(Main.verb("statu"));
  }

  @Test
  void statusTakesTheFastPathOnlyForWhatItParses() {
    PrintWriter sink = new PrintWriter(new StringWriter());
    for (String[] args : new String[][] {{"status", "--watch"}, {"status", "--help"}, {"status", "--json", "--json"},
        {"status", "--home"}, {"status", "--home", "--json"}, {"status", "extra"}, {"sync"}, {}}) {
      assertNull(StatusCommand.fast(sink, sink, args), String.join(" ", args));
    }
  }

  @Test
  void theFastPathAnswersLikePicocliWhenNoDaemonRuns() throws Exception {
    Path home = Files.createTempDirectory(Path.of("/tmp"), "fast");
    try {
      StringWriter fastOut = new StringWriter();
      StringWriter fastErr = new StringWriter();
      Integer fast = StatusCommand.fast(new PrintWriter(fastOut), new PrintWriter(fastErr), "status", "--home", home.toString());
      assertNotNull(fast);

      StringWriter slowOut = new StringWriter();
      StringWriter slowErr = new StringWriter();
      CommandLine cl = new CommandLine(new StatusCommand());
      cl.setOut(new PrintWriter(slowOut));
      cl.setErr(new PrintWriter(slowErr));
      int slow = cl.execute("--home", home.toString());

      assertEquals(ExitCodes.NO_DAEMON, fast);
      assertEquals(slow, fast.intValue());
      assertEquals(slowOut.toString(), fastOut.toString());
      assertEquals(slowErr.toString(), fastErr.toString());
      assertTrue(fastErr.toString().contains("no daemon is running"), fastErr.toString());
    } finally {
      Files.deleteIfExists(home);
    }
  }
}
