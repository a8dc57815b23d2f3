package dev.ferry.cli;

import dev.ferry.ipc.methods.Methods;
import dev.ferry.ipc.methods.UiOpenParams;
import dev.ferry.ipc.methods.UiOpenResult;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry ui}: the daemon's local web dashboard. Prints its sign-in URL (a one-time token,
 * valid for a few minutes) and opens it in the browser when there is a desktop to open it on.
 */
@Command(name = "ui", description = "Open the local web dashboard (prints a one-time sign-in URL).")
public final class UiCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--no-open", description = "Only print the URL; do not start a browser.")
  boolean noOpen;

  @Override
  public Integer call() {
    Output out = new Output(spec);
    try {
      UiOpenResult r = DaemonCall.call(common, Methods.UI_OPEN, new UiOpenParams(), UiOpenResult.class);
      if (r.url() == null) return out.fail(ExitCodes.FAILED, r.reason());
      if (common.json()) {
        out.json(UiOpenResult.class, r);
      } else {
        out.println(r.url());
        out.println("(a one-time sign-in link: it works once, within 10 minutes; run ferry ui again for another)");
      }
      Optional<List<String>> opener = noOpen ? Optional.empty() : opener(System.getenv(), System.getProperty("os.name", ""));
      if (opener.isPresent()) {
        List<String> command = new java.util.ArrayList<>(opener.get());
        command.add(r.url());
        try {
          new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
          out.err().println("ferry: could not start " + command.get(0) + " (" + e.getMessage() + "); open the URL yourself");
        }
      }
      return ExitCodes.OK;
    } catch (Exception e) {
      return Failures.report(out, e);
    }
  }

  /**
   * The command that opens a URL on this desktop: {@code open} on macOS, {@code xdg-open} where
   * an X11 or Wayland session is running; empty on a headless machine (an SSH session, a server).
   */
  static Optional<List<String>> opener(Map<String, String> env, String osName) {
    if (osName.toLowerCase(Locale.ROOT).startsWith("mac")) return Optional.of(List.of("open"));
    boolean desktop = !env.getOrDefault("DISPLAY", "").isBlank() || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
    return desktop ? Optional.of(List.of("xdg-open")) : Optional.empty();
  }
}
