package dev.ferry.protocol;

import java.time.Instant;

/**
 * {@code GET /v1/folders/{folder}}: the cheap check a device does before pulling.
 * {@code entries} counts live entries, {@code deleted} tombstones, {@code bytes} the stored
 * ciphertext of heads and chunks.
 */
public record FolderStatus(
    String folder,
    long headSeq,
    long entries,
    long deleted,
    long chunks,
    long bytes,
    Instant lastModifiedAt,
    String lastModifiedBy) {}
