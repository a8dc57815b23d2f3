package dev.ferry.cli;

import dev.ferry.daemon.logs.LogFilter;
import dev.ferry.daemon.logs.LogLine;
import dev.ferry.cli.logging.LogPrinter;
import dev.ferry.daemon.logs.LogTail;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry logs}: the daemon's structured log, read from its file, so it works whether or
 * not the daemon runs. Pretty on a terminal, the raw JSON lines with {@code --json}.
 */
@Command(name = "logs", description = "Show the daemon's log (pretty on a terminal, JSON lines with --json).")
public final class LogsCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-f", "--follow"}, description = "Keep printing new lines as they are written (survives rotation).")
  boolean follow;

  @Option(names = "--level", paramLabel = "L", description = "Show only this level and above: trace, debug, info, warn, error.")
  String level;

  @Option(names = "--folder", paramLabel = "F", description = "Show only lines about folder F.")
  String folder;

  @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "200",
      description = "How many recent lines to show first (0: all; default ${DEFAULT-VALUE}).")
  int lines;

  @Override
  public Integer call() {
    Output out = new Output(spec);
    LogFilter filter;
    try {
      filter = new LogFilter(level, folder);
    } catch (IllegalArgumentException e) {
      return out.fail(ExitCodes.USAGE, e.getMessage());
    }
    if (lines < 0) return out.fail(ExitCodes.USAGE, "--lines must be 0 (all) or more, not " + lines);
    LogTail tail = new LogTail(common.locations().logsDir().resolve("daemon.log"));
    LogPrinter printer = new LogPrinter(common.json(),
        LogPrinter.colourWanted(Output.isTerminal(), System.getenv()), ZoneId.systemDefault());
    PrintWriter w = out.out();
    try {
      if (!follow && !Files.exists(tail.file())) {
        return out.fail(ExitCodes.OK, "no daemon log yet at " + tail.file() + " (start the daemon with 'ferry daemon')");
      }
      long start = tail.size();
      for (LogLine l : tail.last(filter, lines, start)) w.println(printer.format(l));
      w.flush();
      if (!follow) return ExitCodes.OK;
      tail.follow(start, filter, l -> {
        w.println(printer.format(l));
        w.flush();
      }, () -> !w.checkError(), Duration.ofMillis(250));
      return ExitCodes.OK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.OK;
    } catch (Exception e) {
      return Failures.report(out, e);
    }
  }
}
