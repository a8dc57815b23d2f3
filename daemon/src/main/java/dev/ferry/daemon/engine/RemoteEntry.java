package dev.ferry.daemon.engine;

import dev.ferry.protocol.EntryMeta;

/** A hub revision whose metadata was decrypted and checked; {@code inline} is plaintext or null. */
public record RemoteEntry(EntryMeta wire, PlainMeta meta, byte[] inline) {
  public String path() { return meta.path(); }

  public long rev() { return wire.rev(); }
}
