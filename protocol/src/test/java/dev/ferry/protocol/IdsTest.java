package dev.ferry.protocol;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void folderIds() {
    assertTrue(Ids.isFolderId("docs"));
    assertTrue(Ids.isFolderId("orchestrator.v2_x-y"));
    assertFalse(Ids.isFolderId(""));
    assertFalse(Ids.isFolderId(".hidden"));
    assertFalse(Ids.isFolderId("a/b"));
    assertFalse(Ids.isFolderId("x".repeat(65)));
    assertFalse(Ids.isFolderId("%2e%2e"));
  }

  @Test
  void hashIds() {
    assertTrue(Ids.isEntryId("0123456789abcdef".repeat(4)));
    assertFalse(Ids.isEntryId("0123456789ABCDEF".repeat(4)));
    assertFalse(Ids.isChunkId("abc"));
    assertFalse(Ids.isChunkId(null));
  }

  @Test
  void deviceNames() {
    assertTrue(Ids.isDeviceName("Anna's laptop"));
    assertFalse(Ids.isDeviceName("bad\nname"));
    assertFalse(Ids.isDeviceName(" "));
  }
}
