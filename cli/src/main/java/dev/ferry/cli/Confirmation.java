package dev.ferry.cli;

import java.io.Console;
import java.util.Locale;

/** Asking before a step that cannot be undone: yes on a terminal, or {@code --yes} in scripts. */
final class Confirmation {
  private Confirmation() {}

  /**
   * Returns null to go on, or the exit code to stop with: usage (2) when there is no terminal to
   * ask on and no {@code --yes}, failed (1) when the person said no.
   */
  static Integer refuseUnlessConfirmed(Output out, boolean yes, String action, String question) {
    if (yes) return null;
    Console console = System.console();
    if (console == null) return out.fail(ExitCodes.USAGE, action + " needs confirmation: add --yes (no terminal to ask on)");
    String answer = console.readLine("%s [y/N] ", question);
    if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
      out.println("not done");
      return ExitCodes.FAILED;
    }
    return null;
  }
}
