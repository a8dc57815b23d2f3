package dev.ferry.cli.service;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a service manager starts this same ferry: the {@code bin/ferry} launcher next to the
 * running jar ({@code cli/target/ferry.jar} in a checkout, {@code lib/ferry.jar} in an install),
 * or {@code FERRY_LAUNCHER} when set. Without a launcher it falls back to {@code java -jar} with
 * this JVM and this jar.
 */
public final class Launcher {
  public static final String ENV = "FERRY_LAUNCHER";

  private Launcher() {}

  /** The command prefix (absolute paths) that runs {@code ferry}. */
  public static List<String> command(Map<String, String> env) {
    String explicit = env.get(ENV);
    if (explicit != null && !explicit.isEmpty()) return List.of(Path.of(explicit).toAbsolutePath().normalize().toString());
    Optional<Path> code = codeLocation();
    if (code.isPresent()) {
      Optional<Path> script = findScript(code.get());
      if (script.isPresent()) return List.of(script.get().toString());
      if (code.get().toString().endsWith(".jar")) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", code.get().toString());
      }
    }
    throw new IllegalStateException("cannot find the ferry launcher (bin/ferry) next to " + code.map(Path::toString)
        .orElse("this program") + "; set " + ENV + " to its absolute path");
  }

  /** {@code bin/ferry} in one of the few directories above {@code code}. */
  static Optional<Path> findScript(Path code) {
    Path dir = Files.isDirectory(code) ? code : code.getParent();
    for (int up = 0; dir != null && up < 4; up++, dir = dir.getParent()) {
      Path candidate = dir.resolve("bin").resolve("ferry");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate.normalize());
    }
    return Optional.empty();
  }

  private static Optional<Path> codeLocation() {
    try {
      var source = Launcher.class.getProtectionDomain().getCodeSource();
      return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath());
    } catch (URISyntaxException | SecurityException e) {
      return Optional.empty();
    }
  }
}
