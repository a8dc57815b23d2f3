package dev.ferry.daemon.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FolderStateTest {
  @ParameterizedTest
  @CsvSource({
      "IDLE,CHECKING,true", "IDLE,QUEUED,true", "IDLE,UPLOADING,false", "CHECKING,UPLOADING,true",
      "CHECKING,DOWNLOADING,true", "CHECKING,COMPLETE,true", "CHECKING,ERROR,true", "CHECKING,IDLE,false",
      "UPLOADING,RESOLVING,true", "UPLOADING,DOWNLOADING,false", "DOWNLOADING,UPLOADING,true",
      "DOWNLOADING,RESOLVING,true", "RESOLVING,UPLOADING,true", "RESOLVING,DOWNLOADING,false", "QUEUED,CHECKING,true",
      "QUEUED,IDLE,false", "COMPLETE,IDLE,true", "COMPLETE,CHECKING,false", "ERROR,IDLE,true", "ERROR,CHECKING,false"})
  void transitions(FolderState from, FolderState to, boolean allowed) {
    assertEquals(allowed, from.canMoveTo(to));
  }
}
