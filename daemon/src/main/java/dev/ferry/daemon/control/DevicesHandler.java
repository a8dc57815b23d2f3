package dev.ferry.daemon.control;

import dev.ferry.daemon.remote.HubClient;
import dev.ferry.daemon.remote.HubException;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.DevicesParams;
import dev.ferry.ipc.methods.DevicesResult;
import javax.inject.Inject;

/** {@code devices.list}: the account's devices, asked of the hub with this device's token. */
public final class DevicesHandler implements RpcHandler {
  private final HubClient hub;

  @Inject
  public DevicesHandler(HubClient hub) {
    this.hub = hub;
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    call.params(DevicesParams.class);
    try {
      return new DevicesResult(hub.devices().devices());
    } catch (HubException e) {
      throw HubFailures.toRpc("cannot list devices", e);
    }
  }
}
