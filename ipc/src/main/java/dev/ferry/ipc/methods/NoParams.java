package dev.ferry.ipc.methods;

/**
 * What {@link dev.ferry.ipc.RpcCall#noParams()} decodes into: the params of a method that takes
 * none, so that any field is refused the way every other method refuses an unknown one.
 * (Public only because Moshi's record adapter needs to reach it.)
 */
public record NoParams() {}
