package dev.ferry.daemon.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.daemon.core.FolderState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBusTest {
  private static final DaemonEvent E =
      new DaemonEvent.FolderStateChanged("f", FolderState.IDLE, FolderState.CHECKING, "s1", "watch", Instant.EPOCH);

  @Test
  void deliversInOrderSurvivesAThrowingListenerAndUnsubscribes() {
    EventBus bus = new EventBus();
    List<String> got = new ArrayList<>();
    bus.subscribe(e -> { throw new IllegalStateException("broken subscriber"); });
    EventBus.Subscription s = bus.subscribe(e -> got.add("a:" + e.folder()));
    EventBus.Listener b = e -> got.add("b:" + e.folder());
    bus.subscribe(b);
    bus.publish(E);
    assertEquals(List.of("a:f", "b:f"), got);
    s.close();
    bus.unsubscribe(b);
    bus.publish(E);
    assertEquals(2, got.size());
    assertEquals(1, bus.subscribers());
  }
}
