package dev.ferry.cli;

import dev.ferry.config.ConfigException;
import dev.ferry.config.ConfigLoader;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.FerryLocations;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --home} and {@code --json}, which every verb takes (SPEC §2). */
public final class CommonOptions {
  @Option(names = "--home", paramLabel = "DIR", description = "Keep config, state and socket under DIR (like FERRY_HOME).")
  Path home;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  public FerryLocations locations() {
    return FerryLocations.fromEnvironment(home);
  }

  public FerryConfig config() throws ConfigException {
    return ConfigLoader.load(locations().configFile());
  }

  public boolean json() { return json; }
}
