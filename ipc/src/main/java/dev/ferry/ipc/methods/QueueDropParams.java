package dev.ferry.ipc.methods;

/** {@code queue.drop}: gives up on one item; the local file is never deleted. */
public record QueueDropParams(String id) {}
