package dev.ferry.ipc;

/**
 * A handler result whose {@code action} runs only once the answer carrying {@code result} has
 * been written to the client: how {@code shutdown} answers before the socket it answers on
 * goes away.
 */
public record AfterReply(Object result, Runnable action) {}
