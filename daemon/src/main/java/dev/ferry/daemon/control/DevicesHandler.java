package dev.ferry.daemon.control;

import dev.ferry.daemon.remote.DeviceNames;
import dev.ferry.daemon.remote.HubClient;
import dev.ferry.daemon.remote.HubException;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.DevicesResult;
import javax.inject.Inject;

/** {@code devices.list}: the account's devices, asked of the hub with this device's token. */
public final class DevicesHandler implements RpcHandler {
  private final HubClient hub;
  private final DeviceNames names;

  @Inject
  public DevicesHandler(HubClient hub, DeviceNames names) {
    this.hub = hub;
    this.names = names;
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    call.noParams();
    try {
      var devices = hub.devices().devices();
      names.remember(devices); // so log lines can name them
      return new DevicesResult(devices);
    } catch (HubException e) {
      throw HubFailures.toRpc("cannot list devices", e);
    }
  }
}
