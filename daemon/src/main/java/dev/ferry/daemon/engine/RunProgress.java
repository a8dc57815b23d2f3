package dev.ferry.daemon.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one run has planned and done so far, for the progress display: counters written by the
 * run thread and the transfer pool, read by a publisher on another thread. Files count every
 * planned download, deletion, conflict and upload once handled (done or failed); bytes count
 * plaintext content read for upload or written by download, out of the planned files' sizes.
 */
public final class RunProgress {
  private final AtomicLong filesDone = new AtomicLong();
  private final AtomicLong filesTotal = new AtomicLong();
  private final AtomicLong bytesDone = new AtomicLong();
  private final AtomicLong bytesTotal = new AtomicLong();

  /** A consistent-enough view: each counter is read once. */
  public record Snapshot(long filesDone, long filesTotal, long bytesDone, long bytesTotal) {}

  /** Adds planned work. */
  public void plan(long files, long bytes) {
    filesTotal.addAndGet(files);
    bytesTotal.addAndGet(bytes);
  }

  /** One planned item is handled. */
  public void fileDone() { filesDone.incrementAndGet(); }

  /** Content bytes moved (read for upload, or written by a download). */
  public void bytes(long n) { bytesDone.addAndGet(n); }

  public Snapshot snapshot() {
    return new Snapshot(filesDone.get(), filesTotal.get(), bytesDone.get(), bytesTotal.get());
  }
}
