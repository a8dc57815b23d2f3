package dev.ferry.daemon.di;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.ferry.daemon.control.ConflictDiffHandler;
import dev.ferry.daemon.control.ConflictResolveHandler;
import dev.ferry.daemon.control.ConflictsListHandler;
import dev.ferry.daemon.control.DeviceRevokeHandler;
import dev.ferry.daemon.control.DevicesHandler;
import dev.ferry.daemon.control.HistoryHandler;
import dev.ferry.daemon.control.PauseHandler;
import dev.ferry.daemon.control.QueueDropHandler;
import dev.ferry.daemon.control.QueueListHandler;
import dev.ferry.daemon.control.RestoreHandler;
import dev.ferry.daemon.control.QueueRetryHandler;
import dev.ferry.daemon.control.ResumeHandler;
import dev.ferry.daemon.control.ShutdownHandler;
import dev.ferry.daemon.control.StatsHandler;
import dev.ferry.daemon.control.StatusHandler;
import dev.ferry.daemon.control.SyncHandler;
import dev.ferry.daemon.control.VersionsHandler;
import dev.ferry.daemon.control.UiOpenHandler;
import dev.ferry.ipc.RpcHandler;
import dev.ferry.ipc.methods.Methods;

/** The control socket's methods, by name: adding a method is adding a handler and a line here. */
@Module
public interface ControlModule {
  @Binds @IntoMap @StringKey(Methods.STATUS)
  RpcHandler status(StatusHandler h);

  @Binds @IntoMap @StringKey(Methods.SYNC)
  RpcHandler sync(SyncHandler h);

  @Binds @IntoMap @StringKey(Methods.CONFIG_RELOAD)
  RpcHandler configReload(dev.ferry.daemon.control.ConfigReloadHandler h);

  @Binds @IntoMap @StringKey(Methods.SHUTDOWN)
  RpcHandler shutdown(ShutdownHandler h);

  @Binds @IntoMap @StringKey(Methods.HISTORY_LIST)
  RpcHandler history(HistoryHandler h);

  @Binds @IntoMap @StringKey(Methods.STATS)
  RpcHandler stats(StatsHandler h);

  @Binds @IntoMap @StringKey(Methods.CONFLICTS_LIST)
  RpcHandler conflicts(ConflictsListHandler h);

  @Binds @IntoMap @StringKey(Methods.CONFLICTS_DIFF)
  RpcHandler conflictsDiff(ConflictDiffHandler h);

  @Binds @IntoMap @StringKey(Methods.CONFLICTS_RESOLVE)
  RpcHandler conflictsResolve(ConflictResolveHandler h);

  @Binds @IntoMap @StringKey(Methods.VERSIONS_LIST)
  RpcHandler versions(VersionsHandler h);

  @Binds @IntoMap @StringKey(Methods.VERSIONS_RESTORE)
  RpcHandler restore(RestoreHandler h);

  @Binds @IntoMap @StringKey(Methods.QUEUE_LIST)
  RpcHandler queue(QueueListHandler h);

  @Binds @IntoMap @StringKey(Methods.QUEUE_RETRY)
  RpcHandler queueRetry(QueueRetryHandler h);

  @Binds @IntoMap @StringKey(Methods.QUEUE_DROP)
  RpcHandler queueDrop(QueueDropHandler h);

  @Binds @IntoMap @StringKey(Methods.PAUSE)
  RpcHandler pause(PauseHandler h);

  @Binds @IntoMap @StringKey(Methods.RESUME)
  RpcHandler resume(ResumeHandler h);

  @Binds @IntoMap @StringKey(Methods.DEVICES_LIST)
  RpcHandler devices(DevicesHandler h);

  @Binds @IntoMap @StringKey(Methods.DEVICES_REVOKE)
  RpcHandler revoke(DeviceRevokeHandler h);

  @Binds @IntoMap @StringKey(Methods.EVENTS_SUBSCRIBE)
  RpcHandler events(dev.ferry.daemon.control.EventsSubscribeHandler h);

  @Binds @IntoMap @StringKey(Methods.LOGS_TAIL)
  RpcHandler logsTail(dev.ferry.daemon.control.LogsTailHandler h);

  @Binds @IntoMap @StringKey(Methods.UI_OPEN)
  RpcHandler uiOpen(UiOpenHandler h);
}
