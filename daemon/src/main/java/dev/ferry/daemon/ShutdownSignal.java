package dev.ferry.daemon;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Lets the {@code shutdown} method, a signal or a test ask the running daemon to stop. */
@Singleton
public final class ShutdownSignal {
  private final CountDownLatch latch = new CountDownLatch(1);

  @Inject
  ShutdownSignal() {}

  public void request() { latch.countDown(); }

  public boolean requested() { return latch.getCount() == 0; }

  public void await() throws InterruptedException { latch.await(); }

  public boolean await(long ms) throws InterruptedException { return latch.await(ms, TimeUnit.MILLISECONDS); }
}
