package dev.ferry.ipc;

import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;

/**
 * Decides whether a connected peer may use the control socket: only processes of the daemon's
 * own user. Pure: the server feeds it the principal it read with SO_PEERCRED.
 *
 * <p>The decision compares principals: the JDK's Unix user principals are equal exactly when
 * their uids are. The numeric uid only appears in the refusal message.
 */
final class PeerCheck {
  private final UserPrincipal daemonUser;
  private final long daemonUid;

  PeerCheck(UserPrincipal daemonUser, long daemonUid) {
    this.daemonUser = daemonUser;
    this.daemonUid = daemonUid;
  }

  /** Empty when {@code peer} is the daemon's user, otherwise the message to refuse it with. */
  Optional<String> refusal(UserPrincipal peer) {
    if (daemonUser.equals(peer)) return Optional.empty();
    return Optional.of("permission denied: peer uid " + uidOf(peer) + " is not the daemon's uid " + daemonUid);
  }

  /**
   * The numeric uid of a Unix user principal. The JDK offers no public accessor: a principal
   * whose user has no passwd entry is named by its number, and otherwise OpenJDK's principal
   * hashes to its uid (sun.nio.fs.UnixUserPrincipals.User#hashCode), which PeerCheckTest pins.
   */
  static long uidOf(UserPrincipal principal) {
    String name = principal.getName();
    if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
      try {
        return Long.parseLong(name);
      } catch (NumberFormatException e) {
        // longer than a uid can be: fall back to the hash below
      }
    }
    return Integer.toUnsignedLong(principal.hashCode());
  }
}
