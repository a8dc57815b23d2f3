package dev.ferry.server.api;

import dev.ferry.protocol.DeviceInfo;
import dev.ferry.protocol.DeviceList;
import dev.ferry.protocol.Ids;
import dev.ferry.protocol.ProblemCode;
import dev.ferry.protocol.Protocol;
import dev.ferry.server.store.Store;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /v1/devices} and {@code DELETE /v1/devices/{id}}, always within the caller's account. */
public final class DevicesApi {
  private static final Logger LOG = LoggerFactory.getLogger(DevicesApi.class);

  private final Store store;
  private final Clock clock;
  private final BearerAuth auth;

  DevicesApi(Store store, Clock clock, BearerAuth auth) {
    this.store = store;
    this.clock = clock;
    this.auth = auth;
  }

  public void register(Javalin app) {
    app.get(Protocol.PREFIX + "/devices", this::list);
    app.delete(Protocol.PREFIX + "/devices/{id}", this::revoke);
  }

  private void list(Context ctx) {
    Caller caller = auth.require(ctx);
    var devices = store.devices(caller.accountId()).stream()
        .map(d -> new DeviceInfo(d.id(), d.name(), d.createdAt(), d.lastSeenAt(), d.id().equals(caller.deviceId())))
        .toList();
    Responses.json(ctx, 200, DeviceList.class, new DeviceList(devices));
  }

  private void revoke(Context ctx) {
    Caller caller = auth.require(ctx);
    String id = ctx.pathParam("id");
    if (!Ids.isDeviceId(id)) throw ApiException.field(ProblemCode.INVALID_ID, "id", "not a valid device id: " + Requests.printable(id));
    if (!store.revokeDevice(caller.accountId(), id, clock.instant())) {
      throw ApiException.of(ProblemCode.NOT_FOUND, "this account has no device " + id);
    }
    LOG.info("device {} of user {} revoked by device {}", id, caller.user(), caller.deviceId());
    ctx.status(204);
  }
}
