package dev.ferry.cli;

import dev.ferry.cli.logging.LogPrinter;
import dev.ferry.ipc.methods.ConflictDiffParams;
import dev.ferry.ipc.methods.ConflictDiffResult;
import dev.ferry.ipc.methods.ConflictView;
import dev.ferry.ipc.methods.ConflictsParams;
import dev.ferry.ipc.methods.ConflictsResult;
import dev.ferry.ipc.methods.Methods;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry conflicts}: conflicts waiting for a person; exit 4 when there are any. */
@Command(name = "conflicts", description = "Conflicts waiting for a person (exit 4 when there are any).",
    subcommands = ConflictsCommand.Diff.class)
public final class ConflictsCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--folder", paramLabel = "F", description = "Only folder F.")
  String folder;

  @Override
  public Integer call() {
    Output out = new Output(spec);
    try {
      ConflictsResult c = DaemonCall.call(common, Methods.CONFLICTS_LIST, new ConflictsParams(folder), ConflictsResult.class);
      if (common.json()) {
        out.json(ConflictsResult.class, c);
      } else if (c.conflicts().isEmpty()) {
        out.println("no conflicts");
      } else {
        for (ConflictView v : c.conflicts()) {
          String what = "manual".equals(v.kind())
              ? "(local version kept, waits for: ferry resolve PATH --keep local|remote|both)"
              : "(other version: " + v.copyPath() + ")";
          out.println(String.format("%s  %-12s %s  %s%s", Human.time(v.createdAt()), v.folder(), v.path(), what,
              v.reason() == null ? "" : "  [" + v.reason() + "]"));
        }
      }
      return c.conflicts().isEmpty() ? ExitCodes.OK : ExitCodes.ATTENTION;
    } catch (Exception e) {
      return Failures.report(out, e);
    }
  }

  /** {@code ferry conflicts diff PATH}: what each side changed, as unified diffs. */
  @Command(name = "diff", description = "Unified diffs of a conflicting file: local, remote and their common ancestor.")
  public static final class Diff implements Callable<Integer> {
    static final String RED = "\u001b[31m";
    static final String GREEN = "\u001b[32m";
    static final String CYAN = "\u001b[36m";
    static final String BOLD = "\u001b[1m";
    static final String RESET = "\u001b[0m";

    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "PATH", description = "The file, or one of its conflict copies.") Path path;

    @Override
    public Integer call() {
      Output out = new Output(spec);
      try {
        ConflictDiffResult d = DaemonCall.call(common, Methods.CONFLICTS_DIFF,
            new ConflictDiffParams(path.toAbsolutePath().normalize().toString()), ConflictDiffResult.class);
        if (common.json()) {
          out.json(ConflictDiffResult.class, d);
          return ExitCodes.OK;
        }
        boolean colour = LogPrinter.colourWanted(Output.isTerminal(), System.getenv());
        out.println(paint(colour, BOLD, "conflict on " + d.path() + " in " + d.folder() + " (" + d.kind() + ")"));
        section(out, colour, "local → remote", d.localVsRemote());
        if (d.ancestorRev() > 0) {
          section(out, colour, "ancestor (hub rev " + d.ancestorRev() + ") → local: what this device changed", d.ancestorVsLocal());
          section(out, colour, "ancestor (hub rev " + d.ancestorRev() + ") → remote: what the other device changed",
              d.ancestorVsRemote());
        } else {
          out.println("(no common ancestor: both sides created the file, or the hub no longer keeps it)");
        }
        return ExitCodes.OK;
      } catch (Exception e) {
        return Failures.report(out, e);
      }
    }

    private static void section(Output out, boolean colour, String title, String diff) {
      out.println("");
      out.println(paint(colour, BOLD, "== " + title));
      if (diff == null) return;
      for (String line : diff.split("\n", -1)) {
        if (line.isEmpty()) continue;
        out.println(colourLine(colour, line));
      }
    }

    /** Colours one diff line the way git does: headers bold, hunks cyan, removals red, additions green. */
    static String colourLine(boolean colour, String line) {
      if (!colour) return line;
      if (line.startsWith("--- ") || line.startsWith("+++ ")) return paint(true, BOLD, line);
      if (line.startsWith("@@")) return paint(true, CYAN, line);
      if (line.startsWith("-")) return paint(true, RED, line);
      if (line.startsWith("+")) return paint(true, GREEN, line);
      return line;
    }

    private static String paint(boolean colour, String code, String s) {
      return colour ? code + s + RESET : s;
    }

  }
}
