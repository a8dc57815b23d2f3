package dev.ferry.daemon.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FolderKeyWrapTest {
  private final SecureRandom random = new SecureRandom();
  private final byte[] kek = FolderKeyWrap.newFolderKey(random);
  private final byte[] folderKey = FolderKeyWrap.newFolderKey(random);

  @Test
  void roundTrip() throws Exception {
    byte[] wrapped = FolderKeyWrap.wrap(kek, "notes", folderKey);
    assertEquals(FolderKeyWrap.WRAPPED_BYTES, wrapped.length);
    assertArrayEquals(folderKey, FolderKeyWrap.unwrap(kek, "notes", wrapped));
    assertFalse(Arrays.equals(wrapped, FolderKeyWrap.wrap(kek, "notes", folderKey)),
        "fresh nonce per wrap");
  }

  @Test
  void wrongKekIsWrongPassword() {
    byte[] wrapped = FolderKeyWrap.wrap(kek, "notes", folderKey);
    byte[] otherKek = FolderKeyWrap.newFolderKey(random);
    WrongKeyException e = assertThrows(WrongKeyException.class,
        () -> FolderKeyWrap.unwrap(otherKek, "notes", wrapped));
    assertEquals("wrong password or corrupted folder key for folder notes", e.getMessage());
  }

  @Test
  void keyOfAnotherFolderIsRefused() {
    byte[] wrapped = FolderKeyWrap.wrap(kek, "notes", folderKey);
    assertThrows(WrongKeyException.class, () -> FolderKeyWrap.unwrap(kek, "photos", wrapped));
  }

  @Test
  void everyBitFlipAndTruncationIsRefused() {
    byte[] wrapped = FolderKeyWrap.wrap(kek, "notes", folderKey);
    for (int bit = 0; bit < wrapped.length * 8; bit++) {
      byte[] bad = wrapped.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThrows(WrongKeyException.class, () -> FolderKeyWrap.unwrap(kek, "notes", bad));
    }
    for (int len = 0; len < wrapped.length; len++) {
      byte[] cut = Arrays.copyOf(wrapped, len);
      assertThrows(WrongKeyException.class, () -> FolderKeyWrap.unwrap(kek, "notes", cut));
    }
    assertThrows(WrongKeyException.class, () -> FolderKeyWrap.unwrap(kek, "notes", null));
  }

  @Test
  void passwordToFolderKeyEndToEnd() throws Exception {
    var params = KeyDerivation.newParams(random, KeyDerivation.Cost.CHEAP);
    AccountKeys right = KeyDerivation.derive("right".toCharArray(), params);
    byte[] wrapped = FolderKeyWrap.wrap(right.kek(), "notes", folderKey);
    AccountKeys again = KeyDerivation.derive("right".toCharArray(), params);
    assertArrayEquals(folderKey, FolderKeyWrap.unwrap(again.kek(), "notes", wrapped));
    AccountKeys wrong = KeyDerivation.derive("wrong".toCharArray(), params);
    assertThrows(WrongKeyException.class, () -> FolderKeyWrap.unwrap(wrong.kek(), "notes", wrapped));
  }

  @Test
  void badArgumentsAreProgrammingErrors() {
    assertThrows(IllegalArgumentException.class, () -> FolderKeyWrap.wrap(new byte[16], "notes", folderKey));
    assertThrows(IllegalArgumentException.class, () -> FolderKeyWrap.wrap(kek, "no/slash", folderKey));
    assertThrows(IllegalArgumentException.class, () -> FolderKeyWrap.wrap(kek, "notes", new byte[31]));
  }
}
