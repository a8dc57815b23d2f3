package dev.ferry.daemon.remote;

import dev.ferry.daemon.account.DeviceCredentials;
import dev.ferry.protocol.DeviceInfo;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names of the account's devices, for log lines and answers ({@code ferry versions}) that
 * would otherwise name a device by its id. Learnt from the device lists the daemon fetches anyway ({@code ferry devices}), and, for an
 * id not seen yet, from one {@code GET /v1/devices}; an id still unknown after that (a device
 * revoked since) stays an id and is not asked about again, so a busy folder costs no requests.
 */
@Singleton
public final class DeviceNames {
  private static final Logger log = LoggerFactory.getLogger(DeviceNames.class);

  private final HubClient hub;
  private final Map<String, String> names = new HashMap<>();
  private final Set<String> asked = new HashSet<>();

  @Inject
  public DeviceNames(HubClient hub, DeviceCredentials device) {
    this.hub = hub;
    if (device.deviceId() != null && device.deviceName() != null) names.put(device.deviceId(), device.deviceName());
  }

  /** Takes the names of a device list fetched from the hub. */
  public synchronized void remember(List<DeviceInfo> devices) {
    for (DeviceInfo d : devices) {
      if (d.id() != null && d.name() != null && !d.name().isBlank()) names.put(d.id(), d.name());
    }
  }

  /** How a log line names device {@code id}: its name when known (asking the hub once per unknown id), else "device ID". */
  public String label(String id) {
    if (id == null) return "an unknown device";
    String n = nameOf(id);
    return n != null ? n : "device " + id;
  }

  /** Device {@code id}'s name, asking the hub once per id not known yet; null when the hub does not list it (revoked). */
  public String nameOf(String id) {
    synchronized (this) {
      String n = names.get(id);
      if (n != null || !asked.add(id)) return n;
    }
    try {
      remember(hub.devices().devices());
    } catch (HubException e) {
      log.debug("cannot list the devices to name {}: {}", id, e.getMessage());
    }
    synchronized (this) {
      return names.get(id);
    }
  }
}
