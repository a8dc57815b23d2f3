package dev.ferry.daemon.di;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import javax.inject.Scope;

/** One instance per configured folder. */
@Scope
@Retention(RetentionPolicy.RUNTIME)
public @interface FolderScope {}
