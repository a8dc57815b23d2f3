package dev.ferry.server.store;

import dev.ferry.protocol.ChangesPage;
import dev.ferry.protocol.EntryMeta;
import dev.ferry.protocol.FolderStatus;
import dev.ferry.server.Retention;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The hub's storage. Everything folder-related is keyed by (account id, folder id): two accounts
 * with the same folder id never see each other's data. Implementations keep SQL-dialect
 * specifics inside; the behaviour is pinned by the contract tests in {@code StoreContract}.
 * All methods are thread-safe. Instants are stored with millisecond precision.
 */
public interface Store extends AutoCloseable {

  /** Returns the named server secret, creating it from {@code fresh} on first use. */
  byte[] secret(String name, byte[] fresh);

  // ---- invites, accounts, devices

  /** Stores an invite by the hash of its code. */
  void addInvite(byte[] codeHash, Instant createdAt, Instant expiresAt);

  Optional<Account> account(String user);

  /**
   * Creates an account; when {@code inviteHash} is not null the invite is consumed in the same
   * transaction (unknown, used or expired at {@code now}: nothing happens).
   */
  CreateAccountOutcome createAccount(NewAccount account, byte[] inviteHash, Instant now);

  void addDevice(long accountId, String deviceId, String name, byte[] tokenHash, Instant now);

  /** The device a token belongs to, unless it is revoked. */
  Optional<DeviceAuth> deviceByToken(byte[] tokenHash);

  void touchDevice(String deviceId, Instant now);

  /** The account's devices that are not revoked, oldest first. */
  List<Device> devices(long accountId);

  /** Revokes a device of this account; false when the account has no such live device. */
  boolean revokeDevice(long accountId, String deviceId, Instant now);

  // ---- folders

  PutKeyOutcome putFolderKey(long accountId, String folder, String wrappedKey, Instant now);

  Optional<String> folderKey(long accountId, String folder);

  /** The folder's status; a folder that holds nothing yet answers zeros. */
  FolderStatus folderStatus(long accountId, String folder);

  // ---- entries

  /**
   * Applies the commands in order, in one transaction, each with its own compare-and-swap.
   * Every accepted write gets rev = old rev + 1 and the folder's next seq. Old revisions of a
   * written entry beyond {@code retention} are pruned in the same transaction. The change
   * listener hears the accepted heads after the commit.
   */
  List<WriteOutcome> write(long accountId, String folder, String deviceId, List<WriteCommand> commands, Instant now);

  /** Heads with seq greater than {@code since}, in seq order, at most {@code limit}. */
  ChangesPage changes(long accountId, String folder, long since, int limit);

  /** The head ({@code rev} 0) or a kept revision of an entry. */
  Optional<EntryMeta> entry(long accountId, String folder, String entryId, long rev);

  /** The kept revisions of an entry, newest first; empty when the entry does not exist. */
  List<EntryMeta> history(long accountId, String folder, String entryId);

  // ---- chunks

  /** The ids among {@code ids} this account's folder does not hold, in the given order, without repeats. */
  List<String> missingChunks(long accountId, String folder, List<String> ids);

  /** Stores a chunk; an existing one is kept as it is (and its age reset). True when it was new. */
  boolean putChunk(long accountId, String folder, String chunkId, byte[] data, Instant now);

  Optional<byte[]> chunk(long accountId, String folder, String chunkId);

  // ---- housekeeping

  /**
   * Prunes revisions beyond {@code retention}, chunks that no kept revision references and that
   * were not stored or re-sent within {@code chunkGrace} (so an upload in progress survives),
   * idempotency keys older than {@code idempotencyTtl}, and expired invites.
   */
  Housekeeping housekeep(Instant now, Retention retention, Duration chunkGrace, Duration idempotencyTtl);

  StoreStats stats();

  /**
   * Checks, within a few seconds, that the database answers: for {@code /healthz}, so it costs a
   * round trip and no more. Throws a {@link StoreException} saying why when it does not.
   */
  void ping();

  /** The schema version the database is at. */
  int schemaVersion();

  void setChangeListener(ChangeListener listener);

  @Override
  void close();
}
