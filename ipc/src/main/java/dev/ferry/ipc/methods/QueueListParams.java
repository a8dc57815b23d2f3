package dev.ferry.ipc.methods;

/** {@code queue.list}: one folder's queues, or (null) every folder's. */
public record QueueListParams(String folder) {}
