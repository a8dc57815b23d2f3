package dev.ferry.cli.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/** {@code %sex} in logback.xml: the stack trace with secrets removed from every message in it. */
public final class ScrubbedThrowableConverter extends ThrowableProxyConverter {
  @Override
  protected String throwableProxyToString(IThrowableProxy tp) {
    return SecretScrubber.scrub(super.throwableProxyToString(tp));
  }
}
