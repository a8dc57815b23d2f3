package dev.ferry.daemon.trigger;

import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;

/** The triggers' wiring: the one timer thread behind every folder's {@link TaskScheduler}. */
@Module
public final class TriggerModule {
  private TriggerModule() {}

  @Provides
  @Singleton
  static TaskScheduler timers() {
    return new ExecutorTaskScheduler("ferry-timers");
  }
}
