package dev.ferry.daemon.core;

/** What a path is. Symlinks are never synced (they could point outside the folder). */
public enum EntryKind { FILE, DIR }
