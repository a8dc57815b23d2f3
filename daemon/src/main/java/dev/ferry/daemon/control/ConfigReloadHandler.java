package dev.ferry.daemon.control;

import dev.ferry.config.ConfigException;
import dev.ferry.config.ConfigProblem;
import dev.ferry.daemon.trigger.SettingsReload;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.inject.Inject;

/**
 * {@code config.reload}: re-reads config.toml; {@code [triggers]} and the throttle apply at
 * once. Answers {@link SettingsReload.Outcome}; a bad file answers {@code CONFIG_INVALID} whose
 * message and data name file, line and key, and the daemon keeps its config.
 */
public final class ConfigReloadHandler implements RpcHandler {
  private final SettingsReload reload;

  @Inject
  ConfigReloadHandler(SettingsReload reload) {
    this.reload = reload;
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    call.noParams();
    try {
      return reload.reload();
    } catch (ConfigException e) {
      List<Map<String, Object>> problems = e.problems().stream().map(ConfigReloadHandler::view).toList();
      throw new RpcException(RpcErrors.CONFIG_INVALID, "the config cannot be used; the daemon keeps its running config:\n"
          + e.problems().stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")), problems);
    }
  }

  private static Map<String, Object> view(ConfigProblem p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", String.valueOf(p.file()));
    m.put("line", p.line());
    m.put("column", p.column());
    m.put("key", p.key());
    m.put("message", p.message());
    return m;
  }
}
