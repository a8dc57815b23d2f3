package dev.ferry.daemon.control;

import dev.ferry.daemon.engine.RunReport;
import dev.ferry.daemon.events.DaemonEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** The wire form of {@link DaemonEvent}s in {@code events.subscribe}: flat objects with a {@code type}. */
final class EventViews {
  private EventViews() {}

  static Map<String, Object> of(DaemonEvent event) {
    Map<String, Object> m = new LinkedHashMap<>();
    // Java 17: no pattern switch; the else branch keeps a new event type visible rather than dropped.
    if (event instanceof DaemonEvent.FolderStateChanged s) {
      m.put("type", "state");
      m.put("folder", s.folder());
      m.put("from", s.from().name());
      m.put("to", s.to().name());
      m.put("syncId", s.syncId());
      m.put("trigger", s.trigger());
      m.put("at", s.at().toString());
    } else if (event instanceof DaemonEvent.Progress p) {
      m.put("type", "progress");
      m.put("folder", p.folder());
      m.put("syncId", p.syncId());
      m.put("filesDone", p.filesDone());
      m.put("filesTotal", p.filesTotal());
      m.put("bytesDone", p.bytesDone());
      m.put("bytesTotal", p.bytesTotal());
      m.put("at", p.at().toString());
    } else if (event instanceof DaemonEvent.RunFinished f) {
      RunReport r = f.report();
      m.put("type", "run");
      m.put("folder", f.folder());
      m.put("syncId", f.syncId());
      m.put("trigger", r.trigger());
      m.put("direction", r.direction());
      m.put("result", r.result());
      m.put("durationMs", r.durationMs());
      m.put("uploaded", r.uploaded());
      m.put("downloaded", r.downloaded());
      m.put("deleted", r.deleted());
      m.put("conflicts", r.conflicts());
      m.put("pending", r.pending());
      m.put("bytesUp", r.bytesUp());
      m.put("bytesDown", r.bytesDown());
      if (r.error() != null) m.put("error", r.error());
      if (r.errorCategory() != null) m.put("errorCategory", r.errorCategory().wireName());
    } else if (event instanceof DaemonEvent.RemoteChange c) {
      m.put("type", "remote");
      m.put("folder", c.folder());
      m.put("seq", c.seq());
      m.put("entryId", c.entryId());
      m.put("deleted", c.deleted());
        if (c.modifiedBy() != null) m.put("modifiedBy", c.modifiedBy());
      m.put("at", c.at().toString());
    } else {
      m.put("type", event.getClass().getSimpleName());
      m.put("folder", event.folder());
    }
    return m;
  }

  /** The notice sent in place of {@code dropped} events the subscriber was too slow to take. */
  static Map<String, Object> lagged(long dropped) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "lagged");
    m.put("dropped", dropped);
    return m;
  }
}
