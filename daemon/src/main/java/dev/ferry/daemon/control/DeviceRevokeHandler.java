package dev.ferry.daemon.control;

import dev.ferry.daemon.account.DeviceCredentials;
import dev.ferry.daemon.remote.HubClient;
import dev.ferry.daemon.remote.HubException;
import dev.ferry.ipc.RpcCall;
import dev.ferry.ipc.RpcErrors;
import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.DeviceRevokeParams;
import dev.ferry.ipc.methods.DeviceRevokeResult;
import dev.ferry.protocol.Ids;
import java.util.Map;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code devices.revoke}: the hub stops accepting that device's token at once. Refuses this
 * device's own id: revoking it would cut the daemon off mid-sync with no way back but a new
 * login; do that from another device.
 */
public final class DeviceRevokeHandler implements RpcHandler {
  private static final Logger log = LoggerFactory.getLogger(DeviceRevokeHandler.class);

  private final HubClient hub;
  private final DeviceCredentials self;

  @Inject
  public DeviceRevokeHandler(HubClient hub, DeviceCredentials self) {
    this.hub = hub;
    this.self = self;
  }

  @Override
  public Object handle(RpcCall call) throws RpcException {
    DeviceRevokeParams p = call.params(DeviceRevokeParams.class);
    if (p.id() == null || p.id().isBlank()) {
      throw new RpcException(RpcErrors.INVALID_PARAMS, "devices.revoke needs the id of a device (see ferry devices)");
    }
    if (!Ids.isDeviceId(p.id())) {
      throw new RpcException(RpcErrors.INVALID_PARAMS, "'" + p.id() + "' is not a device id (see ferry devices)");
    }
    if (p.id().equals(self.deviceId())) {
      throw new RpcException(RpcErrors.INVALID_STATE, "device " + p.id() + " is this device; revoke it from another device",
          Map.of("id", p.id()));
    }
    try {
      hub.revokeDevice(p.id());
    } catch (HubException e) {
      throw HubFailures.toRpc("cannot revoke device " + p.id(), e);
    }
    log.info("revoked device {}", p.id());
    return new DeviceRevokeResult(p.id(), true);
  }
}
