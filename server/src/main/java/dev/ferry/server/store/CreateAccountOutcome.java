package dev.ferry.server.store;

/** The result of {@link Store#createAccount}: the account is created only on {@code CREATED}. */
public enum CreateAccountOutcome {
  CREATED,
  /** An account with this user name exists; nothing changed (the invite stays unused). */
  EXISTS,
  /** The invite is unknown, used or expired; nothing changed. */
  INVITE_INVALID
}
