package dev.ferry.daemon.di;

import dagger.BindsInstance;
import dagger.Component;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.FerryLocations;
import dev.ferry.daemon.DaemonRuntime;
import java.time.Clock;
import javax.inject.Singleton;

/** The daemon process's graph: one per process. */
@Singleton
@Component(modules = {DaemonModule.class, ControlModule.class, dev.ferry.daemon.trigger.TriggerModule.class})
public interface DaemonComponent {
  DaemonRuntime runtime();

  dev.ferry.daemon.ShutdownSignal shutdownSignal();

  /** Where the command line's log appender sends live lines for {@code logs.tail}. */
  dev.ferry.daemon.logs.LogFanout logFanout();

  /** The daemon's events (quickstart draws its progress bar from them). */
  dev.ferry.daemon.events.EventBus events();

  @Component.Factory
  interface Factory {
    DaemonComponent create(@BindsInstance FerryLocations locations, @BindsInstance FerryConfig config, @BindsInstance Clock clock);
  }

  static DaemonComponent create(FerryLocations locations, FerryConfig config, Clock clock) {
    return DaggerDaemonComponent.factory().create(locations, config, clock);
  }
}
