package dev.ferry.daemon.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.daemon.core.FolderState;
import dev.ferry.daemon.core.merge.UnifiedDiff;
import dev.ferry.daemon.events.DaemonEvent;
import dev.ferry.daemon.events.EventBus;
import dev.ferry.ipc.methods.ConflictView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The conflicts page's version rebuilding and three-column table, and the live stream's per-client queue. */
class ConflictsAndLivePartsTest {
  static Stream<Arguments> pairs() {
    return Stream.of(
        Arguments.of("a\nb\nc\n", "a\nB\nc\n"),
        Arguments.of("one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n",
            "zero\none\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\n"),
        Arguments.of("x\ny", "x\ny\n"),
        Arguments.of("x\ny\n", "x\nz"),
        Arguments.of("a\r\nb\r\n", "a\r\nc\r\nd\r\n"),
        Arguments.of("", "new\n"),
        Arguments.of("only\n", ""));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void aDiffRebuildsEitherSideFromTheOther(String from, String to) {
    String diff = UnifiedDiff.of("from", "to", from, to, 3);
    assertEquals(Optional.of(to), UnifiedPatch.forward(from, diff), diff);
    assertEquals(Optional.of(from), UnifiedPatch.reverse(to, diff), diff);
  }

  @Test
  void aDiffThatDoesNotFitGivesNothing() {
    String diff = UnifiedDiff.of("from", "to", "a\nb\nc\n", "a\nB\nc\n", 3);
    assertTrue(UnifiedPatch.forward("a\nX\nc\n", diff).isEmpty(), "a removed line that is not there");
    assertTrue(UnifiedPatch.reverse("a\nb\nc\n", diff).isEmpty());
    assertTrue(UnifiedPatch.forward("a\n", "(binary: 3 and 4 bytes, different)").isEmpty());
    assertEquals(Optional.of("same\n"), UnifiedPatch.forward("same\n", "(identical)"));
    assertTrue(UnifiedPatch.forward(null, diff).isEmpty(), "no text (binary or large)");
  }

  @Test
  void threeColumnsAnchorOnTheLocalLines() {
    List<SideBySide.Row3> rows = SideBySide.align3(List.of("{", "\"theme\": \"light\"", "}"), List.of("{", "\"theme\": \"dark\"", "}"),
        List.of("{", "\"theme\": \"blue\"", "\"size\": 2", "}"));
    assertEquals(new SideBySide.Row3("{", "{", "{", false, false), rows.get(0));
    assertEquals(new SideBySide.Row3("\"theme\": \"light\"", "\"theme\": \"dark\"", "\"theme\": \"blue\"", true, true), rows.get(1));
    assertEquals(new SideBySide.Row3(null, null, "\"size\": 2", true, false), rows.get(2));
    assertEquals(new SideBySide.Row3("}", "}", "}", false, false), rows.get(3));
    assertEquals(4, rows.size());
  }

  @Test
  void theTableShowsTheAncestorColumnOnlyWhenThereIsOne() {
    ConflictView view = new ConflictView("docs", "s.json", "s (conflict).json", Instant.EPOCH, 3, "copy", null);
    ConflictFiles.Side local = new ConflictFiles.Side("s (conflict).json", true, 4, "abc", "{\"a\":1}\n");
    ConflictFiles.Side remote = new ConflictFiles.Side("s.json", true, 4, "def", "{\"a\":2}\n");
    String three = ConflictsPage.compare(new ConflictsPage.Versions(view, local, remote, "{\"a\":0}\n", "hub revision 2"));
    assertTrue(three.contains("<th scope=\"col\">Ancestor</th>"), three);
    assertTrue(three.contains("<td class=\"ancestor\">"), three);
    String two = ConflictsPage.compare(new ConflictsPage.Versions(view, local, remote, null, "none"));
    assertFalse(two.contains("Ancestor"), two);
    assertTrue(two.contains("class=\"chg\""), two);
  }

  @Test
  void aJsonVersionThatDoesNotParseIsFlagged() {
    assertEquals("", ConflictsPage.jsonCheck("a.json", new ConflictFiles.Side("a.json", true, 2, "h", "{\"ok\": true}")));
    assertTrue(ConflictsPage.jsonCheck("a.json", new ConflictFiles.Side("a.json", true, 2, "h", "{\"ok\": ")).contains("not valid JSON"));
    assertEquals("", ConflictsPage.jsonCheck("a.txt", new ConflictFiles.Side("a.txt", true, 2, "h", "{")));
  }

  @Test
  void aSlowClientNeverHoldsUpThePublisherAndIsToldItMissedEvents() throws Exception {
    EventBus bus = new EventBus();
    LiveStatus.ClientQueue queue = new LiveStatus.ClientQueue(2);
    try (EventBus.Subscription s = bus.subscribe(queue)) {
      DaemonEvent first = move(FolderState.IDLE, FolderState.CHECKING);
      bus.publish(first);
      bus.publish(new DaemonEvent.RemoteChange("docs", 1, "e", false, "b", Instant.EPOCH)); // not for the overview
      bus.publish(move(FolderState.CHECKING, FolderState.UPLOADING));
      // The queue is full: these return at once and are dropped.
      bus.publish(move(FolderState.UPLOADING, FolderState.COMPLETE));
      bus.publish(move(FolderState.COMPLETE, FolderState.IDLE));
      assertTrue(queue.overflowed());
      assertFalse(queue.overflowed(), "said once");
      assertSame(first, queue.poll(0));
      assertEquals(FolderState.UPLOADING, ((DaemonEvent.FolderStateChanged) queue.poll(0)).to());
      assertNull(queue.poll(0));
      assertEquals(1, bus.subscribers());
    }
    assertEquals(0, bus.subscribers(), "a closed stream unsubscribes");
  }

  private static DaemonEvent move(FolderState from, FolderState to) {
    return new DaemonEvent.FolderStateChanged("docs", from, to, "s1", "manual", Instant.EPOCH);
  }
}
