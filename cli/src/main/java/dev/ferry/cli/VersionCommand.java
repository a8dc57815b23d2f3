package dev.ferry.cli;

import dev.ferry.protocol.Protocol;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ferry version}: what is running, for bug reports and compatibility checks. */
@Command(name = "version", description = "Print the version, protocol version and Java runtime.")
public final class VersionCommand implements Callable<Integer> {
  /** SPEC §2's common options; nothing here depends on the home, so --home is accepted and unused. */
  @CommandLine.Mixin CommonOptions common;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  static String version() {
    String v = VersionCommand.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0" : v;
  }

  @Override
  public Integer call() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("version", version());
    info.put("protocol", Protocol.VERSION);
    info.put("java", System.getProperty("java.runtime.version"));
    info.put("vm", System.getProperty("java.vm.name"));
    info.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    var out = spec.commandLine().getOut();
    if (common.json()) {
      out.println(dev.ferry.protocol.Json.adapter(Map.class).toJson(info));
    } else {
      out.printf("ferry %s (protocol v%d)%njava %s, %s%n%s%n", info.get("version"), Protocol.VERSION,
          info.get("java"), info.get("vm"), info.get("os"));
    }
    return ExitCodes.OK;
  }

  /** Feeds {@code ferry --version}. */
  public static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"ferry " + version() + " (protocol v" + Protocol.VERSION + ")"};
    }
  }
}
