package dev.ferry.cli;

import dev.ferry.ipc.methods.DeviceRevokeParams;
import dev.ferry.ipc.methods.DeviceRevokeResult;
import dev.ferry.ipc.methods.DevicesParams;
import dev.ferry.ipc.methods.DevicesResult;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.protocol.DeviceInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry devices} and {@code ferry devices revoke ID}: the account's devices, through the daemon. */
@Command(name = "devices", description = "The account's devices and when each was last seen.",
    subcommands = DevicesCommand.Revoke.class)
public final class DevicesCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Output out = new Output(spec);
    try {
      DevicesResult d = DaemonCall.call(common, Methods.DEVICES_LIST, new DevicesParams(), DevicesResult.class);
      if (common.json()) {
        out.json(DevicesResult.class, d);
        return ExitCodes.OK;
      }
      for (DeviceInfo i : d.devices()) {
        out.println(String.format("%-24s %-20s added %s  last seen %s%s", i.id(), i.name(), Human.time(i.createdAt()),
            Human.time(i.lastSeenAt()), i.current() ? "  (this device)" : ""));
      }
      return ExitCodes.OK;
    } catch (Exception e) {
      return Failures.report(out, e);
    }
  }

  /** {@code ferry devices revoke ID}: asks on a terminal, needs {@code --yes} elsewhere. */
  @Command(name = "revoke", description = "Revoke a device: its token stops working at once.")
  public static final class Revoke implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The device id (see 'ferry devices').")
    String id;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Override
    public Integer call() {
      Output out = new Output(spec);
      Integer stop = Confirmation.refuseUnlessConfirmed(out, yes, "revoking device " + id, "Revoke device " + id + "? Its token stops working at once.");
      if (stop != null) return stop;
      try {
        DeviceRevokeResult r = DaemonCall.call(common, Methods.DEVICES_REVOKE, new DeviceRevokeParams(id),
            DeviceRevokeResult.class);
        if (common.json()) out.json(DeviceRevokeResult.class, r);
        else out.println("revoked device " + r.id());
        return ExitCodes.OK;
      } catch (Exception e) {
        return Failures.report(out, e);
      }
    }
  }
}
