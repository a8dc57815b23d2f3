package dev.ferry.ipc.methods;

/** {@code queue.drop}'s answer: the item as it was when dropped. */
public record QueueDropResult(QueueItem dropped) {}
