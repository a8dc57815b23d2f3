package dev.ferry.cli;

import dev.ferry.config.ConfigEditor;
import dev.ferry.config.ConfigException;
import dev.ferry.config.ConfigLoader;
import dev.ferry.config.ConflictStrategy;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.FerryLocations;
import dev.ferry.config.FolderConfig;
import dev.ferry.config.FolderOverlap;
import dev.ferry.daemon.account.DeviceCredentials;
import dev.ferry.daemon.account.FolderKeys;
import dev.ferry.daemon.account.SecretStore;
import dev.ferry.daemon.local.FolderIndex;
import dev.ferry.daemon.local.FolderScanner;
import dev.ferry.daemon.local.StateDb;
import dev.ferry.daemon.remote.HubClient;
import dev.ferry.daemon.remote.HubHttpClients;
import dev.ferry.ipc.RpcClient;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.protocol.Ids;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry folder add|list|remove}: which folders this device syncs. */
@Command(name = "folder", description = "Choose which folders are synced.",
    subcommands = {FolderCommand.Add.class, FolderCommand.ListFolders.class, FolderCommand.Remove.class})
public final class FolderCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return Main.missingVerb(spec);
  }

  @Command(name = "add", description = "Sync the folder PATH under the id ID (the same id on every device).")
  public static final class Add implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Parameters(index = "1", paramLabel = "PATH") Path path;
    @Option(names = "--strategy", paramLabel = "S", description = "Conflict strategy for this folder (merge, keep-both, last-write-wins, local-wins, remote-wins, manual).")
    String strategy;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Output out = new Output(spec);
      if (!Ids.isFolderId(id)) {
        return out.fail(ExitCodes.USAGE, "folder id '" + id + "' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
      }
      ConflictStrategy s = null;
      if (strategy != null) {
        s = ConflictStrategy.fromWireName(strategy).orElse(null);
        if (s == null) return out.fail(ExitCodes.USAGE, "unknown --strategy '" + strategy + "'");
      }
      FerryLocations loc = common.locations();
      try {
        FerryConfig config = common.config();
        if (config.folder(id).isPresent()) return out.fail(ExitCodes.FAILED, "folder '" + id + "' is already configured");
        if (!Files.exists(loc.configFile()) && Files.exists(new SecretStore(loc.secretsDir()).deviceFile())) {
          // The device is set up, so its config.toml was deleted: a new one holding only this
          // folder would, once the daemon reloads it, drop every other folder without a word.
          return out.fail(ExitCodes.FAILED, loc.configFile() + " is gone, though this device is set up: put it back"
              + " first (a new file with only folder '" + id + "' would stop the daemon syncing every other folder)");
        }
        Path abs = path.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) return out.fail(ExitCodes.FAILED, abs + " is not a directory");
        if (Files.isSymbolicLink(abs) && !Files.exists(abs)) {
          return out.fail(ExitCodes.FAILED, abs + " is a symlink to " + Files.readSymbolicLink(abs) + ", which does not exist");
        }
        // Before the hub is asked for a key and anything is made: the same rule config.toml follows.
        for (FolderConfig other : config.folders()) {
          String clash = FolderOverlap.problem(id, abs, abs.toString(), other, null);
          if (clash != null) return out.fail(ExitCodes.FAILED, clash);
        }
        SecretStore secrets = new SecretStore(loc.secretsDir());
        DeviceCredentials device = secrets.requireDevice().at(config.server());
        HubClient hub = new HubClient(URI.create(device.server()), device.token(), HubHttpClients.create());
        new FolderKeys(secrets, new SecureRandom()).obtain(hub, id);
        Files.createDirectories(abs);
        Path marker = abs.resolve(FolderScanner.MARKER);
        if (!Files.exists(marker)) Files.writeString(marker, "ferry folder " + id + "\n");
        ConfigEditor.addFolder(loc.configFile(), id, abs.toString(), s);
        String daemon = tellDaemon(loc);
        if (common.json()) {
          out.json(Map.of("id", id, "path", abs.toString()));
        } else {
          out.println("Added folder '" + id + "' at " + abs + ".");
          out.println(daemon == null ? "The daemon syncs it once it runs (ferry daemon, or ferry service install)."
              : daemon.isEmpty() ? "The running daemon syncs it now." : daemon);
        }
        return ExitCodes.OK;
      } catch (Exception e) {
        return Failures.report(out, e);
      }
    }
  }

  @Command(name = "list", description = "List the synced folders.")
  public static final class ListFolders implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Output out = new Output(spec);
      try {
        FerryConfig config = common.config();
        if (common.json()) {
          List<Map<String, Object>> list = new ArrayList<>();
          for (FolderConfig f : config.folders()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f.id());
            m.put("path", f.path().toString());
            m.put("strategy", f.effectiveStrategy(config).wireName());
            m.put("ignore", f.ignore());
            list.add(m);
          }
          out.json(Map.of("folders", list));
        } else if (config.folders().isEmpty()) {
          out.println("No folders. Add one with: ferry folder add ID PATH");
        } else {
          for (FolderConfig f : config.folders()) {
            out.println(String.format("%-20s %s  (%s)", f.id(), f.path(), f.effectiveStrategy(config).wireName()));
          }
        }
        return ExitCodes.OK;
      } catch (ConfigException e) {
        return out.fail(ExitCodes.FAILED, "bad config:\n" + e.getMessage());
      }
    }
  }

  @Command(name = "remove", description = "Stop syncing folder ID. Its files stay on disk and on the hub.")
  public static final class Remove implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(index = "0", paramLabel = "ID") String id;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Output out = new Output(spec);
      FerryLocations loc = common.locations();
      try {
        FerryConfig config = common.config();
        if (config.folder(id).isEmpty()) return out.fail(ExitCodes.FAILED, "no folder '" + id + "' is configured");
        ConfigEditor.removeFolder(loc.configFile(), id);
        // A running daemon stops the folder first (once a run in progress ends), then its index goes.
        String daemon = tellDaemon(loc);
        // Forget what was synced, so adding it again starts from a fresh comparison.
        if (Files.exists(loc.stateDb())) {
          try (FolderIndex index = new FolderIndex(StateDb.open(loc.stateDb()), id)) {
            index.clear();
          }
        }
        out.println(common.json() ? "{\"removed\":\"" + id + "\"}" : "Removed folder '" + id + "'; its files are untouched.");
        if (!common.json() && daemon != null && !daemon.isEmpty()) out.println(daemon);
        return ExitCodes.OK;
      } catch (Exception e) {
        return Failures.report(out, e);
      }
    }
  }

  /**
   * Has a running daemon reload the config, which adds and removes folders at once. Returns null
   * when no daemon runs, "" when it took the change, else a sentence saying what to do.
   */
  static String tellDaemon(FerryLocations loc) {
    RpcClient c;
    try {
      c = RpcClient.connect(loc.socketPath());
    } catch (IOException e) {
      return null;
    }
    try (c) {
      c.call(Methods.CONFIG_RELOAD, Map.of(), Void.class);
      return "";
    } catch (RpcException e) {
      return "The running daemon did not take the change (" + e.getMessage() + "); restart it.";
    } catch (IOException e) {
      return "The running daemon did not answer (" + e.getMessage() + "); restart it.";
    }
  }
}
