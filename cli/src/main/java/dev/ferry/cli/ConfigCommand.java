package dev.ferry.cli;

import dev.ferry.config.ConfigException;
import dev.ferry.config.ConfigLoader;
import dev.ferry.config.ConfigProblem;
import dev.ferry.config.FerryConfig;
import dev.ferry.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry config}: the configuration file; {@code config check} validates it without starting anything, {@code config reload} has the running daemon apply it. */
@Command(
    name = "config",
    description = "Check the configuration file, or have the running daemon reload it.",
    subcommands = {ConfigCommand.Check.class, ConfigCommand.Reload.class})
public final class ConfigCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return Main.missingVerb(spec);
  }

  /**
   * {@code ferry config check}: exit 0 with a one-line summary when the config loads, exit 1
   * with every problem as {@code FILE:LINE:COL: KEY: MESSAGE} on stderr when it does not.
   */
  @Command(
      name = "check",
      description = "Validate config.toml; every problem names the file, line and key.")
  static final class Check implements Callable<Integer> {
    @Mixin CommonOptions common;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      boolean json = common.json();
      Path file = common.locations().configFile();
      var out = spec.commandLine().getOut();
      var err = spec.commandLine().getErr();
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("file", file.toString());
      doc.put("exists", Files.exists(file));
      try {
        FerryConfig config = ConfigLoader.load(file);
        int n = config.folders().size();
        if (json) {
          doc.put("ok", true);
          doc.put("folders", n);
          doc.put("problems", List.of());
          out.println(Json.adapter(Map.class).toJson(doc));
        } else {
          out.printf("config OK: %s (%d folder%s)%n", file, n, n == 1 ? "" : "s");
          if (!Files.exists(file)) out.println("(the file does not exist yet; built-in defaults apply)");
        }
        return ExitCodes.OK;
      } catch (ConfigException e) {
        if (json) {
          List<Map<String, Object>> problems = new ArrayList<>();
          for (ConfigProblem p : e.problems()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", String.valueOf(p.file()));
            m.put("line", p.line());
            m.put("column", p.column());
            m.put("key", p.key());
            m.put("message", p.message());
            problems.add(m);
          }
          doc.put("ok", false);
          doc.put("problems", problems);
          out.println(Json.adapter(Map.class).toJson(doc));
        } else {
          for (ConfigProblem p : e.problems()) err.println(p);
        }
        return ExitCodes.FAILED;
      }
    }
  }

  /**
   * {@code ferry config reload}: the running daemon re-reads config.toml (as on SIGHUP). Exit 0
   * with what took effect; exit 1 with every problem when the file has errors (the daemon keeps
   * its running config); exit 3 without a daemon.
   */
  @Command(
      name = "reload",
      description = "Have the running daemon re-read config.toml: triggers, throttle and the folder list apply at once.")
  static final class Reload implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Output out = new Output(spec);
      try {
        Map<?, ?> r = DaemonCall.call(common, dev.ferry.ipc.methods.Methods.CONFIG_RELOAD, Map.of(), Map.class);
        if (common.json()) out.json(r);
        else out.println("config reloaded from " + r.get("file") + ": " + r.get("message"));
        return ExitCodes.OK;
      } catch (Exception e) {
        return Failures.report(out, e);
      }
    }
  }
}
