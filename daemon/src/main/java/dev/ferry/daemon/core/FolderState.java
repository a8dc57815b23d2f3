package dev.ferry.daemon.core;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The per-folder state machine of SPEC §4; {@link #canMoveTo} is the only source of truth. */
public enum FolderState {
  IDLE, CHECKING, UPLOADING, DOWNLOADING, RESOLVING, QUEUED, COMPLETE, ERROR;

  private static final Map<FolderState, Set<FolderState>> NEXT = Map.of(
      IDLE, EnumSet.of(CHECKING, QUEUED),
      CHECKING, EnumSet.of(UPLOADING, DOWNLOADING, COMPLETE, ERROR),
      UPLOADING, EnumSet.of(COMPLETE, ERROR, RESOLVING),
      DOWNLOADING, EnumSet.of(COMPLETE, ERROR, RESOLVING, UPLOADING),
      RESOLVING, EnumSet.of(UPLOADING, COMPLETE, ERROR),
      QUEUED, EnumSet.of(CHECKING, ERROR),
      COMPLETE, EnumSet.of(IDLE),
      ERROR, EnumSet.of(IDLE));

  public boolean canMoveTo(FolderState next) { return NEXT.get(this).contains(next); }
}
