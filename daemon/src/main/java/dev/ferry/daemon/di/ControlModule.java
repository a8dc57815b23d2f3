package dev.ferry.daemon.di;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.ferry.daemon.control.ShutdownHandler;
import dev.ferry.daemon.control.StatusHandler;
import dev.ferry.daemon.control.SyncHandler;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.Methods;

/** The control socket's methods, by name: adding a method is adding a handler and a line here. */
@Module
public interface ControlModule {
  @Binds @IntoMap @StringKey(Methods.STATUS)
  RpcHandler status(StatusHandler h);

  @Binds @IntoMap @StringKey(Methods.SYNC)
  RpcHandler sync(SyncHandler h);

  @Binds @IntoMap @StringKey(Methods.SHUTDOWN)
  RpcHandler shutdown(ShutdownHandler h);
}
