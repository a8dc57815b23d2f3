package dev.ferry.cli;

/** The exit codes of SPEC §2, one place. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int NO_DAEMON = 3;
  public static final int ATTENTION = 4;
  public static final int AUTH = 5;

  private ExitCodes() {}
}
