package dev.ferry.daemon.control;

import dev.ferry.config.FerryConfig;
import dev.ferry.daemon.ui.DashboardServer;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.UiOpenResult;
import java.net.URI;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Provider;

/**
 * {@code ui.open}: a sign-in URL for the dashboard with a fresh one-time token. Only a client of
 * the control socket (this user) can ask, which is what makes the token worth trusting.
 */
public final class UiOpenHandler implements RpcHandler {
  private final FerryConfig config;
  private final Provider<DashboardServer> dashboard;

  @Inject
  public UiOpenHandler(FerryConfig config, Provider<DashboardServer> dashboard) {
    this.config = config;
    this.dashboard = dashboard;
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    call.noParams();
    if (!config.ui().enabled()) return new UiOpenResult(null, "the dashboard is off ([ui] enabled = false in config.toml)");
    Optional<URI> url = dashboard.get().signInUrl();
    return url.map(u -> new UiOpenResult(u.toString(), null)).orElseGet(() -> new UiOpenResult(null,
        "the dashboard is not running: port " + config.ui().port() + " was taken when the daemon started (see the daemon log)"));
  }
}
