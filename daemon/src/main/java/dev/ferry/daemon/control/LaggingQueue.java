package dev.ferry.daemon.control;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One stream subscriber's mailbox: {@link #offer} never blocks (publishers are logging calls and
 * run threads), and when the subscriber falls {@code capacity} items behind the oldest is
 * dropped and counted, so the reader learns how much it missed instead of stalling the daemon.
 */
final class LaggingQueue<T> {
  /** What {@link #next} hands out: an item, and how many were dropped just before it. */
  record Next<T>(T item, long droppedBefore) {}

  private final int capacity;
  private final ArrayDeque<T> items = new ArrayDeque<>();
  private long dropped;

  LaggingQueue(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
    this.capacity = capacity;
  }

  synchronized void offer(T item) {
    if (items.size() == capacity) {
      items.removeFirst();
      dropped++;
    }
    items.addLast(item);
    notifyAll();
  }

  /** The next item, waiting up to {@code timeoutMs}; null if none came. */
  synchronized Next<T> next(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (items.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return null;
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    Next<T> n = new Next<>(items.removeFirst(), dropped);
    dropped = 0;
    return n;
  }
}
