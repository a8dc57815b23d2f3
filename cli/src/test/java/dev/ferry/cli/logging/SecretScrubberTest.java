package dev.ferry.cli.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SecretScrubberTest {
  @AfterEach
  void forget() {
    SecretScrubber.clearRegistered();
  }

  @Test
  void bearerAndBasicCredentialsAreRedacted() {
    assertEquals("Authorization: Bearer <redacted> sent",
        SecretScrubber.scrub("Authorization: Bearer tok_S3cretDeviceToken_0123456789 sent"));
    assertEquals("basic <redacted>", SecretScrubber.scrub("basic dXNlcjpwYXNzd29yZA=="));
  }

  @Test
  void namedSecretValuesAreRedactedKeepingTheName() {
    assertEquals("login with password=<redacted> failed", SecretScrubber.scrub("login with password=hunter2hunter2 failed"));
    assertEquals("{\"token\":\"<redacted>\",\"user\":\"alice\"}",
        SecretScrubber.scrub("{\"token\":\"abc.def-123\",\"user\":\"alice\"}"));
    assertEquals("authKey: <redacted>", SecretScrubber.scrub("authKey: Zm9vYmFy"));
  }

  @Test
  void base64KeysOf32BytesAreRedactedInBothAlphabets() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String std = Base64.getEncoder().encodeToString(key);
    String url = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    String scrubbed = SecretScrubber.scrub("kek " + std + " and " + url + ".");
    assertFalse(scrubbed.contains(std), scrubbed);
    assertFalse(scrubbed.contains(url), scrubbed);
    assertEquals("kek <redacted> and <redacted>.", scrubbed);
  }

  @Test
  void ordinaryTextAndIdsStay() {
    String entryId = "ab".repeat(32);
    String text = "folder docs synced 3 files; entry " + entryId + " at /home/a/notes.md (key not found)";
    assertEquals(text, SecretScrubber.scrub(text));
  }

  @Test
  void registeredLiteralsAreRedactedWhateverTheirShape() {
    SecretScrubber.register("correct horse battery staple".toCharArray());
    SecretScrubber.register("ab"); // too short to register: it would blank out ordinary words
    String s = SecretScrubber.scrub("wrong: 'correct horse battery staple' about abc");
    assertEquals("wrong: '<redacted>' about abc", s);
    assertTrue(SecretScrubber.scrub(null) == null);
  }
}
