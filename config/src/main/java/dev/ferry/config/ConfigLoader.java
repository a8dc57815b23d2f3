package dev.ferry.config;

import dev.ferry.protocol.Ids;
import dev.ferry.protocol.Protocol;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads and validates config.toml (SPEC §3). Every problem in the file is collected — syntax
 * errors, unknown keys at any level, wrong types, impossible values, folders that clash — and
 * thrown together in one {@link ConfigException}, so a user fixes the file in one pass. A
 * missing file is not an error: it is {@link FerryConfig#defaults()} with no server and no
 * folders.
 *
 * <p>Folder paths must be absolute or start with {@code ~/}; {@code ~} means the user's home.
 * Clashing folders (same or nested paths) are compared after normalisation and, where the paths
 * exist, through their symlinks ({@link FolderOverlap}): a hand-edited config with two folders
 * over one directory, one of them through a link, is refused like two identical paths.
 */
public final class ConfigLoader {
  private static final Set<String> TOP_KEYS =
      Set.of("server", "device_name", "sync", "triggers", "performance", "retry", "offline", "ui", "folder");

  private ConfigLoader() {}

  /** Loads {@code file}, expanding {@code ~} against the {@code user.home} system property. */
  public static FerryConfig load(Path file) throws ConfigException {
    return load(file, Path.of(System.getProperty("user.home")));
  }

  /** Loads {@code file}, expanding {@code ~} against {@code userHome}; a missing file gives the defaults. */
  public static FerryConfig load(Path file, Path userHome) throws ConfigException {
    return loadIfPresent(file, userHome).orElseGet(() -> withSource(FerryConfig.defaults(), file));
  }

  /**
   * Loads {@code file} like {@link #load(Path)}, but says when it is missing (empty) instead of
   * giving the defaults: a reload of a file that was read before and is gone (deleted, or moved
   * away mid-edit) must not drop every folder of the running daemon.
   */
  public static Optional<FerryConfig> loadIfPresent(Path file) throws ConfigException {
    return loadIfPresent(file, Path.of(System.getProperty("user.home")));
  }

  /** {@link #loadIfPresent(Path)} with {@code ~} expanded against {@code userHome}. */
  public static Optional<FerryConfig> loadIfPresent(Path file, Path userHome) throws ConfigException {
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (CharacterCodingException e) {
      throw new ConfigException(new ConfigProblem(file, 0, 0, "", "the file is not valid UTF-8"));
    } catch (IOException e) {
      throw new ConfigException(new ConfigProblem(file, 0, 0, "", "cannot read the file: " + describeIo(e)));
    }
    return Optional.of(parse(text, file, userHome));
  }

  private static final Pattern TABLE = Pattern.compile("^\\s*(\\[\\[?)\\s*([A-Za-z0-9_.-]+)\\s*\\]");
  private static final Pattern KEY = Pattern.compile("^\\s*([A-Za-z0-9_.-]+)\\s*=");

  /**
   * The dotted key a syntax error's line assigns (e.g. {@code performance.throttle} for
   * {@code throttle = } under {@code [performance]}), or "" when the line assigns none: tomlj
   * reports the position only, and a user looks for the key. Read from the raw text, since a
   * document with syntax errors has no tables to ask; a key of the n-th {@code [[folder]]} is
   * {@code folder[n]....}, as in the other problems.
   */
  static String keyOnLine(String text, int line) {
    String[] lines = text.split("\n", -1);
    if (line < 1 || line > lines.length) return "";
    Matcher key = KEY.matcher(lines[line - 1]);
    if (!key.find()) return "";
    String table = "";
    Map<String, Integer> arrays = new HashMap<>();
    for (int i = 0; i < line - 1; i++) {
      Matcher t = TABLE.matcher(lines[i]);
      if (!t.find()) continue;
      if (t.group(1).equals("[[")) {
        int n = arrays.merge(t.group(2), 1, Integer::sum) - 1;
        table = t.group(2) + "[" + n + "]";
      } else {
        table = t.group(2);
      }
    }
    return table.isEmpty() ? key.group(1) : table + "." + key.group(1);
  }

  /** Parses config text as if read from {@code file} (which names it in problems and becomes {@code source}). */
  public static FerryConfig parse(String text, Path file, Path userHome) throws ConfigException {
    TomlParseResult toml = Toml.parse(text);
    if (!toml.errors().isEmpty()) {
      // A half-parsed document would only add noise on top of the syntax errors.
      List<ConfigProblem> problems = new ArrayList<>();
      for (TomlParseError e : toml.errors()) {
        TomlPosition p = e.position();
        problems.add(new ConfigProblem(file, p == null ? 0 : p.line(), p == null ? 0 : p.column(),
            p == null ? "" : keyOnLine(text, p.line()), e.getMessage()));
      }
      throw new ConfigException(problems);
    }
    Reading r = new Reading(file, userHome);
    FerryConfig config = r.read(toml);
    if (!r.problems.isEmpty()) throw new ConfigException(r.problems);
    return config;
  }

  /**
   * Expands a folder path as config.toml writes it: {@code ~} or {@code ~/...} against
   * {@code userHome}, otherwise it must be absolute. The result is normalised.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code raw}
   */
  public static Path expandPath(String raw, Path userHome) {
    if (raw.isEmpty()) throw new IllegalArgumentException("empty path");
    Path p;
    try {
      if (raw.equals("~")) {
        p = userHome;
      } else if (raw.startsWith("~/")) {
        p = userHome.resolve(raw.substring(2));
      } else if (raw.startsWith("~")) {
        throw new IllegalArgumentException("\"" + raw + "\": only ~ and ~/ are expanded (not ~user); write the full path");
      } else {
        p = Path.of(raw);
      }
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("\"" + raw + "\" is not a valid path: " + e.getReason());
    }
    if (!p.isAbsolute()) {
      String hint = raw.startsWith("$") ? " (environment variables are not expanded)" : "";
      throw new IllegalArgumentException("relative path \"" + raw + "\"" + hint + "; write an absolute path or one starting with ~/");
    }
    return p.normalize();
  }

  private static FerryConfig withSource(FerryConfig c, Path source) {
    return new FerryConfig(c.server(), c.deviceName(), c.sync(), c.triggers(), c.performance(), c.retry(), c.offline(),
        c.ui(), c.folders(), source);
  }

  /** The reason in words ("IOException Is a directory" was the class name and the kernel's text). */
  private static String describeIo(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
    if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
    String m = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
    if (m == null) return e.getClass().getSimpleName();
    if (m.equals("Is a directory")) return "it is a directory, not a file";
    return m.isEmpty() ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
  }

  /** One pass over one document, collecting problems instead of stopping at the first. */
  private static final class Reading {
    final Path file;
    final Path userHome;
    final List<ConfigProblem> problems = new ArrayList<>();

    Reading(Path file, Path userHome) {
      this.file = file;
      this.userHome = userHome;
    }

    FerryConfig read(TomlParseResult toml) {
      Section root = new Section(toml, "", TomlPosition.positionAt(1, 1));
      String server = root.string("server", null);
      if (server != null) checkServer(root, server);
      String deviceName = root.string("device_name", null);
      if (deviceName != null && !Ids.isDeviceName(deviceName)) {
        root.problem("device_name", "device name must be 1-64 printable characters");
      }

      Section s = root.section("sync");
      SyncSettings sync = new SyncSettings(s.strategy("conflict_strategy", SyncSettings.DEFAULTS.conflictStrategy()));
      s.refuseUnknown("conflict_strategy");

      TriggerSettings triggers = readTriggers(root.section("triggers"));

      Section p = root.section("performance");
      PerformanceSettings dp = PerformanceSettings.DEFAULTS;
      PerformanceSettings performance = new PerformanceSettings(
          p.duration("throttle", dp.throttle(), true),
          (int) p.integer("batch_size", dp.batchSize(), 1, Protocol.MAX_BATCH_WRITES),
          p.size("compress_over", dp.compressOverBytes()));
      p.refuseUnknown("throttle", "batch_size", "compress_over");

      Section rs = root.section("retry");
      RetrySettings dr = RetrySettings.DEFAULTS;
      RetrySettings retry = new RetrySettings(
          (int) rs.integer("max_attempts", dr.maxAttempts(), 1, Integer.MAX_VALUE),
          rs.duration("backoff", dr.backoff(), false),
          rs.multiplier("multiplier", dr.multiplier()),
          rs.duration("max_backoff", dr.maxBackoff(), false));
      if (retry.maxBackoff().compareTo(retry.backoff()) < 0) {
        rs.problem("max_backoff", "max_backoff (" + HumanDuration.format(retry.maxBackoff())
            + ") must not be shorter than backoff (" + HumanDuration.format(retry.backoff()) + ")");
      }
      rs.refuseUnknown("max_attempts", "backoff", "multiplier", "max_backoff");

      Section o = root.section("offline");
      OfflineSettings offline = new OfflineSettings(
          o.bool("sync_on_reconnect", OfflineSettings.DEFAULTS.syncOnReconnect()),
          o.duration("probe_interval", OfflineSettings.DEFAULTS.probeInterval(), false));
      o.refuseUnknown("sync_on_reconnect", "probe_interval");

      Section u = root.section("ui");
      UiSettings ui = new UiSettings(u.bool("enabled", UiSettings.DEFAULTS.enabled()),
          (int) u.integer("port", UiSettings.DEFAULTS.port(), 0, 65535));
      u.refuseUnknown("enabled", "port");

      List<FolderConfig> folders = readFolders(root);
      root.refuseUnknown(TOP_KEYS.toArray(String[]::new));
      return new FerryConfig(server, deviceName, sync, triggers, performance, retry, offline, ui, folders, file);
    }

    void checkServer(Section root, String server) {
      String why = ServerUrl.problem(server);
      if (why != null) root.problem("server", "\"" + ServerUrl.redacted(server) + "\" " + why);
    }

    TriggerSettings readTriggers(Section t) {
      Section st = t.section("startup");
      var ds = TriggerSettings.Startup.DEFAULTS;
      var startup = new TriggerSettings.Startup(st.bool("enabled", ds.enabled()), st.bool("blocking", ds.blocking()),
          st.duration("timeout", ds.timeout(), false));
      st.refuseUnknown("enabled", "blocking", "timeout");

      Section pe = t.section("periodic");
      var dp = TriggerSettings.Periodic.DEFAULTS;
      var periodic = new TriggerSettings.Periodic(pe.bool("enabled", dp.enabled()),
          pe.duration("interval", dp.interval(), false), pe.bool("only_if_changes", dp.onlyIfChanges()),
          pe.duration("rescan_interval", dp.rescanInterval(), false));
      pe.refuseUnknown("enabled", "interval", "only_if_changes", "rescan_interval");

      Section w = t.section("watch");
      var dw = TriggerSettings.Watch.DEFAULTS;
      var watch = new TriggerSettings.Watch(w.bool("enabled", dw.enabled()), w.duration("debounce", dw.debounce(), true),
          w.duration("max_delay", dw.maxDelay(), false));
      if (watch.maxDelay().compareTo(watch.debounce()) < 0) {
        w.problem("max_delay", "max_delay (" + HumanDuration.format(watch.maxDelay())
            + ") must not be shorter than debounce (" + HumanDuration.format(watch.debounce()) + ")");
      }
      w.refuseUnknown("enabled", "debounce", "max_delay");

      Section re = t.section("realtime");
      var dr = TriggerSettings.Realtime.DEFAULTS;
      var realtime = new TriggerSettings.Realtime(re.bool("enabled", dr.enabled()), re.bool("auto_apply", dr.autoApply()),
          re.bool("notify", dr.notifyDesktop()));
      re.refuseUnknown("enabled", "auto_apply", "notify");

      t.refuseUnknown("startup", "periodic", "watch", "realtime");
      return new TriggerSettings(startup, periodic, watch, realtime);
    }

    List<FolderConfig> readFolders(Section root) {
      Object raw = root.table.get(List.of("folder"));
      if (raw == null) return List.of();
      if (raw instanceof TomlTable) {
        root.problem("folder", "write each folder as [[folder]] (double brackets), not [folder]");
        return List.of();
      }
      if (!(raw instanceof TomlArray array)) {
        root.problem("folder", "expected [[folder]] tables, got " + typeName(raw));
        return List.of();
      }
      for (Object element : array.toList()) {
        if (!(element instanceof TomlTable)) {
          root.problem("folder", "expected [[folder]] tables, got an array holding " + typeName(element));
          return List.of();
        }
      }
      List<FolderConfig> folders = new ArrayList<>();
      Map<String, Integer> idLines = new HashMap<>();
      List<Integer> lines = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        TomlPosition at = array.inputPositionOf(i);
        Section f = new Section((TomlTable) array.get(i), "folder[" + i + "]", at);
        String id = f.requiredString("id");
        if (id != null && !Ids.isFolderId(id)) {
          f.problem("id", "folder id \"" + id + "\" must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
          id = null;
        }
        if (id != null) {
          Integer earlier = idLines.putIfAbsent(id, at.line());
          if (earlier != null) {
            f.problem("id", "folder id \"" + id + "\" is already used by the [[folder]] at line " + earlier);
            id = null;
          }
        }
        Path path = null;
        String rawPath = f.requiredString("path");
        if (rawPath != null) {
          try {
            path = expandPath(rawPath, userHome);
          } catch (IllegalArgumentException e) {
            f.problem("path", e.getMessage());
          }
        }
        if (path != null) {
          for (int j = 0; j < folders.size(); j++) {
            String clash = FolderOverlap.problem(id, path, "\"" + rawPath + "\"", folders.get(j), "line " + lines.get(j));
            if (clash != null) {
              f.problem("path", clash);
              path = null;
              break;
            }
          }
        }
        ConflictStrategy strategy = f.strategy("conflict_strategy", null);
        List<String> ignore = f.stringList("ignore");
        f.refuseUnknown("id", "path", "conflict_strategy", "ignore");
        if (id != null && path != null) {
          folders.add(new FolderConfig(id, path, strategy, ignore));
          lines.add(at.line());
        }
      }
      return folders;
    }

    /** A table of the document with its dotted name, where it starts, and which keys it knows. */
    final class Section {
      final TomlTable table; // null when the section is absent
      final String prefix;
      final TomlPosition at;
      final Set<String> broken = new LinkedHashSet<>();

      Section(TomlTable table, String prefix, TomlPosition at) {
        this.table = table;
        this.prefix = prefix;
        this.at = at;
      }

      String keyName(String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
      }

      Object value(String key) {
        return table == null ? null : table.get(List.of(key));
      }

      /** Reports a problem at {@code key} if present in the text, else at this section's header. */
      void problem(String key, String message) {
        TomlPosition p = table == null ? null : table.inputPositionOf(List.of(key));
        if (p == null) p = at;
        problems.add(new ConfigProblem(file, p == null ? 0 : p.line(), p == null ? 0 : p.column(), keyName(key), message));
      }

      Section section(String key) {
        Object v = value(key);
        if (v == null) return new Section(null, keyName(key), at);
        if (v instanceof TomlTable t) return new Section(t, keyName(key), table.inputPositionOf(List.of(key)));
        wrongType(key, "a table", v);
        return new Section(null, keyName(key), at);
      }

      void wrongType(String key, String expected, Object got) {
        problem(key, "expected " + expected + ", got " + typeName(got));
      }

      boolean bool(String key, boolean def) {
        Object v = value(key);
        if (v == null) return def;
        if (v instanceof Boolean b) return b;
        wrongType(key, "true or false", v);
        return def;
      }

      String string(String key, String def) {
        Object v = value(key);
        if (v == null) return def;
        if (v instanceof String s) return s;
        wrongType(key, "a string", v);
        return def;
      }

      String requiredString(String key) {
        if (value(key) == null) {
          problem(key, "missing; every [[folder]] needs " + key + " = \"...\"");
          return null;
        }
        return string(key, null);
      }

      long integer(String key, long def, long min, long max) {
        Object v = value(key);
        if (v == null) return def;
        if (!(v instanceof Long n)) {
          wrongType(key, "an integer", v);
          return def;
        }
        if (n < min || n > max) {
          problem(key, n + " is out of range " + min + ".." + max);
          return def;
        }
        return n;
      }

      double multiplier(String key, double def) {
        Object v = value(key);
        if (v == null) return def;
        double d;
        if (v instanceof Double x) d = x;
        else if (v instanceof Long x) d = x;
        else {
          wrongType(key, "a number", v);
          return def;
        }
        if (!Double.isFinite(d) || d < 1.0) {
          problem(key, "must be a finite number of at least 1 (got " + d + ")");
          return def;
        }
        return d;
      }

      Duration duration(String key, Duration def, boolean zeroAllowed) {
        Object v = value(key);
        if (v == null) return def;
        if (!(v instanceof String s)) {
          wrongType(key, "a duration string such as \"30s\"", v);
          return def;
        }
        try {
          Duration d = HumanDuration.parse(s);
          if (d.isZero() && !zeroAllowed) {
            problem(key, "must be longer than zero");
            return def;
          }
          return d;
        } catch (IllegalArgumentException e) {
          problem(key, e.getMessage());
          return def;
        }
      }

      long size(String key, long def) {
        Object v = value(key);
        if (v == null) return def;
        if (v instanceof Long n) {
          if (n < 0) {
            problem(key, "size must not be negative");
            return def;
          }
          return n;
        }
        if (!(v instanceof String s)) {
          wrongType(key, "a size such as \"10KiB\" or a number of bytes", v);
          return def;
        }
        try {
          return ByteSize.parse(s);
        } catch (IllegalArgumentException e) {
          problem(key, e.getMessage());
          return def;
        }
      }

      ConflictStrategy strategy(String key, ConflictStrategy def) {
        String s = string(key, null);
        if (s == null) return def;
        var parsed = ConflictStrategy.fromWireName(s);
        if (parsed.isEmpty()) {
          problem(key, "unknown conflict strategy \"" + s + "\"; use one of " + ConflictStrategy.allWireNames());
          return def;
        }
        return parsed.get();
      }

      List<String> stringList(String key) {
        Object v = value(key);
        if (v == null) return List.of();
        if (!(v instanceof TomlArray a)) {
          wrongType(key, "an array of strings", v);
          return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
          Object e = a.get(i);
          if (!(e instanceof String s)) {
            problem(key, "element " + i + ": expected a string, got " + typeName(e));
          } else if (s.isBlank()) {
            problem(key, "element " + i + ": empty pattern");
          } else {
            out.add(s);
          }
        }
        return out;
      }

      void refuseUnknown(String... known) {
        if (table == null) return;
        Set<String> knownSet = Set.of(known);
        for (String k : table.keySet()) {
          if (knownSet.contains(k)) continue;
          String near = nearest(k, knownSet);
          problem(k, "unknown key" + (near == null ? "" : "; did you mean \"" + near + "\"?"));
        }
      }
    }
  }

  static String typeName(Object v) {
    if (v instanceof String) return "a string";
    if (v instanceof Long) return "an integer";
    if (v instanceof Double) return "a float";
    if (v instanceof Boolean) return "a boolean";
    if (v instanceof TomlArray) return "an array";
    if (v instanceof TomlTable) return "a table";
    if (v instanceof Temporal) return "a date/time";
    return v == null ? "nothing" : v.getClass().getSimpleName();
  }

  /** The known key within edit distance 2 of a misspelt one, for "did you mean". */
  static String nearest(String key, Set<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      int d = editDistance(key, k);
      if (d < bestDistance || (d == bestDistance && best != null && k.compareTo(best) < 0)) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
