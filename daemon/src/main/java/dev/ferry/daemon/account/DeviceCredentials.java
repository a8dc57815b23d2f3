package dev.ferry.daemon.account;

/**
 * Who this device is on which hub. {@code token} is the bearer token: a secret, never logged
 * ({@link #toString} hides it).
 */
public record DeviceCredentials(String server, String user, String deviceId, String deviceName, String token) {
  @Override
  public String toString() {
    return "DeviceCredentials[server=" + server + ", user=" + user + ", deviceId=" + deviceId + ", deviceName="
        + deviceName + ", token=<hidden>]";
  }
}
