package dev.ferry.daemon.account;

/**
 * Who this device is on which hub. {@code token} is the bearer token: a secret, never logged
 * ({@link #toString} hides it).
 */
public record DeviceCredentials(String server, String user, String deviceId, String deviceName, String token) {
  /**
   * These credentials at the hub {@code config.toml} names, when it names one: {@code init} and
   * {@code login} write the URL there as well as here, so an edited {@code server} key (a hub
   * that moved) is the one a restarted daemon and every verb use. A hub that does not know the
   * token answers 401, and {@code ferry status} says to log in.
   */
  public DeviceCredentials at(String configServer) {
    if (configServer == null || configServer.equals(server)) return this;
    return new DeviceCredentials(configServer, user, deviceId, deviceName, token);
  }

  @Override
  public String toString() {
    return "DeviceCredentials[server=" + server + ", user=" + user + ", deviceId=" + deviceId + ", deviceName="
        + deviceName + ", token=<hidden>]";
  }
}
