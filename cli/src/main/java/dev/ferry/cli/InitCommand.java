package dev.ferry.cli;

import dev.ferry.daemon.account.AccountSetup;
import dev.ferry.daemon.account.DeviceCredentials;
import dev.ferry.daemon.remote.HubClient;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry init}: a new account on the hub, and this device its first member. */
@Command(name = "init", description = "Create an account on the hub and set up this device.")
public final class InitCommand extends AccountCommand {
  @Option(names = "--invite", paramLabel = "CODE", description = "Invite code from 'ferry server invite'.")
  String invite;

  @Override
  DeviceCredentials register(AccountSetup setup, HubClient hub, String url, char[] password, String device) throws IOException {
    return setup.createAccount(hub, url, user, password, invite, device, null);
  }

  @Override
  String verb() { return "init"; }
}
