package dev.ferry.ipc.methods;

import dev.ferry.protocol.DeviceInfo;
import java.util.List;

/** {@code devices.list}'s answer: the account's devices as the hub lists them ({@code current} marks this one). */
public record DevicesResult(List<DeviceInfo> devices) {
  public DevicesResult {
    devices = devices == null ? List.of() : List.copyOf(devices);
  }
}
