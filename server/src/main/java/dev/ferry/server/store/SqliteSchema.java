package dev.ferry.server.store;

import java.util.List;

/**
 * The SQLite schema as numbered migrations. A migration is never edited once released: a
 * change is a new entry at the end. The database records each applied version in
 * {@code schema_migrations}.
 */
final class SqliteSchema {
  private SqliteSchema() {}

  static final List<String> MIGRATIONS = List.of(
      // 1: accounts, devices, invites, folders, revisions, chunks, idempotency keys
      """
      CREATE TABLE settings(name TEXT PRIMARY KEY, value BLOB NOT NULL);
      CREATE TABLE invites(
        code_hash BLOB PRIMARY KEY, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
        used_at INTEGER, used_by INTEGER);
      CREATE TABLE accounts(
        id INTEGER PRIMARY KEY, user TEXT NOT NULL UNIQUE,
        kdf_algorithm TEXT NOT NULL, kdf_salt TEXT NOT NULL, kdf_memory_kib INTEGER NOT NULL,
        kdf_iterations INTEGER NOT NULL, kdf_parallelism INTEGER NOT NULL,
        auth_salt BLOB NOT NULL, auth_hash BLOB NOT NULL, created_at INTEGER NOT NULL);
      CREATE TABLE devices(
        id TEXT PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id), name TEXT NOT NULL,
        token_hash BLOB NOT NULL UNIQUE, created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL,
        revoked_at INTEGER);
      CREATE INDEX devices_account ON devices(account_id);
      CREATE TABLE folders(
        account_id INTEGER NOT NULL, folder TEXT NOT NULL, head_seq INTEGER NOT NULL DEFAULT 0,
        wrapped_key TEXT, last_modified_at INTEGER, last_modified_by TEXT,
        PRIMARY KEY(account_id, folder)) WITHOUT ROWID;
      CREATE TABLE revisions(
        account_id INTEGER NOT NULL, folder TEXT NOT NULL, entry_id TEXT NOT NULL, rev INTEGER NOT NULL,
        seq INTEGER NOT NULL, deleted INTEGER NOT NULL, size INTEGER NOT NULL, chunks TEXT NOT NULL,
        inline TEXT, meta TEXT, modified_by TEXT NOT NULL, modified_at INTEGER NOT NULL,
        PRIMARY KEY(account_id, folder, entry_id, rev));
      CREATE TABLE entries(
        account_id INTEGER NOT NULL, folder TEXT NOT NULL, entry_id TEXT NOT NULL,
        head_rev INTEGER NOT NULL, head_seq INTEGER NOT NULL, deleted INTEGER NOT NULL,
        PRIMARY KEY(account_id, folder, entry_id)) WITHOUT ROWID;
      CREATE UNIQUE INDEX entries_seq ON entries(account_id, folder, head_seq);
      CREATE TABLE revision_chunks(
        account_id INTEGER NOT NULL, folder TEXT NOT NULL, chunk_id TEXT NOT NULL,
        entry_id TEXT NOT NULL, rev INTEGER NOT NULL,
        PRIMARY KEY(account_id, folder, chunk_id, entry_id, rev)) WITHOUT ROWID;
      CREATE INDEX revision_chunks_rev ON revision_chunks(account_id, folder, entry_id, rev);
      CREATE TABLE chunks(
        id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, folder TEXT NOT NULL, chunk_id TEXT NOT NULL,
        size INTEGER NOT NULL, data BLOB NOT NULL, touched_at INTEGER NOT NULL);
      CREATE UNIQUE INDEX chunks_key ON chunks(account_id, folder, chunk_id);
      CREATE TABLE idempotency(
        account_id INTEGER NOT NULL, folder TEXT NOT NULL, entry_id TEXT NOT NULL, key TEXT NOT NULL,
        request_hash BLOB NOT NULL, rev INTEGER NOT NULL, seq INTEGER NOT NULL, created_at INTEGER NOT NULL,
        PRIMARY KEY(account_id, folder, entry_id, key)) WITHOUT ROWID;
      CREATE INDEX idempotency_age ON idempotency(created_at);
      """);
}
