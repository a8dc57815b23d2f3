package dev.ferry.protocol;

/** Constants both ends agree on: the version, header names and size limits. */
public final class Protocol {
  public static final int VERSION = 1;
  public static final String PREFIX = "/v1";

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  public static final String LAST_EVENT_ID = "Last-Event-ID";
  public static final String SSE_EVENT_CHANGE = "change";

  /** Largest encrypted chunk the hub accepts. Chunkers cut plaintext well below this. */
  public static final int MAX_CHUNK_BYTES = 8 * 1024 * 1024;
  /** Largest base64 inline ciphertext in one entry. */
  public static final int MAX_INLINE_CHARS = 256 * 1024;
  /** Largest base64 metadata ciphertext in one entry. */
  public static final int MAX_META_CHARS = 64 * 1024;
  /** Largest chunk list of one entry (8 MiB chunks: several TiB). */
  public static final int MAX_CHUNKS_PER_ENTRY = 1_000_000;
  /** Largest JSON request body. */
  public static final int MAX_JSON_BODY = 32 * 1024 * 1024;
  public static final int MAX_BATCH_WRITES = 500;
  public static final int MAX_MISSING_QUERY = 10_000;
  public static final int DEFAULT_CHANGES_LIMIT = 500;
  public static final int MAX_CHANGES_LIMIT = 1000;

  private Protocol() {}
}
