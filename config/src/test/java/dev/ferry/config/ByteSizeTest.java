package dev.ferry.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizeTest {
  @ParameterizedTest
  @CsvSource({"512, 512", "0, 0", "512B, 512", "10KiB, 10240", "1MiB, 1048576", "2GiB, 2147483648"})
  void parsesPlainBytesAndBinaryUnits(String text, long bytes) {
    assertEquals(bytes, ByteSize.parse(text));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "10KB | use binary units, e.g. \"10KiB\"",
    "10k | use binary units, e.g. \"10KiB\"",
    "3MB | \"3MiB\"",
    "-1 | must not be negative",
    "'' | empty size",
    "1.5MiB | is not a size",
    "10 KiB | is not a size",
    "ten | is not a size",
    "99999999999GiB | too large",
  })
  void refusesWithAReason(String text, String reason) {
    var e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"0, 0B", "1536, 1536B", "10240, 10KiB", "1048576, 1MiB", "3221225472, 3GiB"})
  void formatsRoundTrip(long bytes, String text) {
    assertEquals(text, ByteSize.format(bytes));
    assertEquals(bytes, ByteSize.parse(text));
  }
}
