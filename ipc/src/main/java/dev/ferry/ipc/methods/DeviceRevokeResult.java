package dev.ferry.ipc.methods;

/** {@code devices.revoke}'s answer. */
public record DeviceRevokeResult(String id, boolean revoked) {}
