package dev.ferry.cli;

import dev.ferry.daemon.account.AccountSetup;
import dev.ferry.daemon.account.DeviceCredentials;
import dev.ferry.daemon.remote.HubClient;
import java.io.IOException;
import picocli.CommandLine.Command;

/** {@code ferry login}: this device joins an existing account. */
@Command(name = "login", description = "Add this device to an existing account.")
public final class LoginCommand extends AccountCommand {
  @Override
  DeviceCredentials register(AccountSetup setup, HubClient hub, String url, char[] password, String device) throws IOException {
    return setup.login(hub, url, user, password, device);
  }

  @Override
  String verb() { return "login"; }
}
