package dev.ferry.cli.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %smsg} in logback.xml: the formatted message with secrets removed ({@link SecretScrubber}). */
public final class ScrubbedMessageConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return SecretScrubber.scrub(event.getFormattedMessage());
  }
}
