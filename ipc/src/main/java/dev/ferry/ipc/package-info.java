/**
 * The daemon's control socket: JSON-RPC 2.0, one message per line (UTF-8, newline-terminated,
 * requests at most 1 MiB), over a Unix socket only the daemon's own user may reach (SPEC §6).
 *
 * <p>The daemon builds an {@link dev.ferry.ipc.RpcServer} from a map of method name to {@link
 * dev.ferry.ipc.RpcHandler} (or {@link dev.ferry.ipc.StreamingRpcHandler}); the command line
 * talks to it with {@link dev.ferry.ipc.RpcClient}. Method names and their params and results
 * live in {@code dev.ferry.ipc.methods}; error codes in {@link dev.ferry.ipc.RpcErrors}.
 *
 * <p>Client notifications (requests without an id) run but are never answered, not even with an
 * error. Batches are refused. A line over 1 MiB is answered with an error and the connection is
 * closed, since the rest of the line cannot be skipped without reading it.
 */
package dev.ferry.ipc;
