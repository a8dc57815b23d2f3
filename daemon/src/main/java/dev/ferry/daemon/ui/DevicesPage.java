package dev.ferry.daemon.ui;

import static dev.ferry.daemon.ui.Html.esc;
import static dev.ferry.daemon.ui.Html.q;

import dev.ferry.ipc.RpcException;
import dev.ferry.ipc.methods.DeviceRevokeParams;
import dev.ferry.ipc.methods.DeviceRevokeResult;
import dev.ferry.ipc.methods.DevicesParams;
import dev.ferry.ipc.methods.DevicesResult;
import dev.ferry.ipc.methods.Methods;
import dev.ferry.protocol.DeviceInfo;

/** Devices: the account's devices as the hub lists them, and revoking one after a confirmation page. */
final class DevicesPage {
  private final ControlCalls calls;

  DevicesPage(ControlCalls calls) {
    this.calls = calls;
  }

  void get(Exchange x) throws Exception {
    StringBuilder b = new StringBuilder();
    DevicesResult r;
    try {
      r = calls.call(Methods.DEVICES_LIST, new DevicesParams(), DevicesResult.class);
    } catch (RpcException e) {
      b.append("<p class=\"error\">Cannot list devices: ").append(esc(e.getMessage())).append("</p>");
      x.html(200, Html.page("Devices", "/devices", x.session(), b.toString()));
      return;
    }
    b.append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Id</th>")
        .append("<th scope=\"col\">Added</th><th scope=\"col\">Last sync</th><th scope=\"col\">Actions</th></tr></thead><tbody>");
    for (DeviceInfo d : r.devices()) {
      b.append("<tr><td>").append(esc(d.name())).append(d.current() ? " (this device)" : "").append("</td><td><code>")
          .append(esc(d.id())).append("</code></td><td>").append(Html.time(d.createdAt())).append("</td><td>")
          .append(Html.time(d.lastSeenAt())).append("</td><td>");
      if (!d.current()) {
        b.append("<a class=\"button danger\" href=\"/devices/revoke?id=").append(q(d.id())).append("\">Revoke<span class=\"sr\"> ")
            .append(esc(d.name())).append("</span></a>");
      }
      b.append("</td></tr>");
    }
    b.append("</tbody></table></div>");
    x.html(200, Html.page("Devices", "/devices", x.session(), b.toString()));
  }

  void confirm(Exchange x) throws Exception {
    String id = x.required("id");
    String body = "<p>Revoke device <code>" + esc(id) + "</code>? The hub stops accepting it at once; it needs"
        + " <code>ferry login</code> to sync again.</p><div class=\"actions\">"
        + Html.button(x.session(), "/devices/revoke", "Revoke it", "danger", "id", id)
        + " <a class=\"button\" href=\"/devices\">Cancel</a></div>";
    x.html(200, Html.page("Revoke a device", "/devices", x.session(), body));
  }

  void revoke(Exchange x) throws Exception {
    String id = x.required("id");
    try {
      calls.call(Methods.DEVICES_REVOKE, new DeviceRevokeParams(id), DeviceRevokeResult.class);
      x.session().flash("Device " + id + " revoked.");
    } catch (RpcException e) {
      x.session().flash("Device " + id + " not revoked: " + e.getMessage());
    }
    x.redirect("/devices");
  }
}
