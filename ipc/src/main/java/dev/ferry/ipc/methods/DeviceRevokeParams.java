package dev.ferry.ipc.methods;

/** {@code devices.revoke}'s request: the id of the device whose token stops working. */
public record DeviceRevokeParams(String id) {}
