package dev.ferry.protocol;

import java.util.List;

/** {@code GET /v1/devices}: the account's devices that are not revoked. */
public record DeviceList(List<DeviceInfo> devices) {
  public DeviceList {
    devices = devices == null ? List.of() : List.copyOf(devices);
  }
}
