package dev.ferry.ipc;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeerCheckTest {
  private final UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();

  @Test
  void theDaemonsOwnUserIsAccepted() throws Exception {
    UserPrincipal self = SocketFile.ownUser();
    PeerCheck check = new PeerCheck(self, SocketFile.ownUid());
    assertEquals(Optional.empty(), check.refusal(users.lookupPrincipalByName(System.getProperty("user.name"))));
  }

  @Test
  void anotherUserIsRefusedWithBothUids() throws Exception {
    UserPrincipal nobody = users.lookupPrincipalByName("nobody");
    assumeTrue(nobody.equals(users.lookupPrincipalByName("65534")), "this machine's nobody is not uid 65534");
    PeerCheck check = new PeerCheck(users.lookupPrincipalByName("1234"), 1234);
    assertEquals(Optional.of("permission denied: peer uid 65534 is not the daemon's uid 1234"), check.refusal(nobody));
  }

  @Test
  void uidOfReadsNamedAndNumericPrincipals() throws Exception {
    UserPrincipal nobody = users.lookupPrincipalByName("nobody");
    assumeTrue(nobody.equals(users.lookupPrincipalByName("65534")), "this machine's nobody is not uid 65534");
    assertEquals(65534, PeerCheck.uidOf(nobody));
    assertEquals(SocketFile.ownUid(), PeerCheck.uidOf(users.lookupPrincipalByName(System.getProperty("user.name"))));
    assertEquals(4242, PeerCheck.uidOf(users.lookupPrincipalByName("4242")));
  }
}
