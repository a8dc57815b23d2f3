package dev.ferry.server.testing;

/** Runs a system command for a test (mount a tmpfs, say) and gives its exit code; -1 when it cannot run. */
public final class Commands {
  private Commands() {}

  public static int run(String... cmd) {
    try {
      return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    } catch (java.io.IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
