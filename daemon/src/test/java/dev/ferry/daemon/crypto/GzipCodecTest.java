package dev.ferry.daemon.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GzipCodecTest {
  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  private static byte[] text(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; s.length() < n; i++) s.append("{\"id\":").append(i).append(",\"text\":\"line ").append(i * 7).append("\"}\n");
    return s.substring(0, n).getBytes(StandardCharsets.US_ASCII);
  }

  /** Text with a random block where no sample lands, and random data with a text block. */
  private static byte[] textWithRandomMiddle(int n) {
    byte[] b = text(n);
    System.arraycopy(random(10_000), 0, b, n / 3 + 5_000, 10_000);
    return b;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("small random: always tried", random(GzipCodec.PROBE_OVER), true),
        Arguments.of("small text", text(1_000), true),
        Arguments.of("big text", text(1 << 20), true),
        Arguments.of("big text with a random block", textWithRandomMiddle(1 << 20), true),
        Arguments.of("big random", random(1 << 20), false),
        Arguments.of("just above the probe size, random", random(GzipCodec.PROBE_OVER + 1), false),
        Arguments.of("just above the probe size, text", text(GzipCodec.PROBE_OVER + 1), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void samplesDecideWhetherToCompress(String name, byte[] data, boolean expected) {
    GzipCodec gz = new GzipCodec();
    assertEquals(expected, gz.worthCompressing(data, 0, data.length));
    // A decision made on an offset slice reads only that slice.
    byte[] shifted = new byte[data.length + 100];
    System.arraycopy(data, 0, shifted, 50, data.length);
    assertEquals(expected, gz.worthCompressing(shifted, 50, data.length));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theProbeLeavesTheCodecReadyForTheRealCompression(String name, byte[] data, boolean expected) throws Exception {
    GzipCodec gz = new GzipCodec();
    gz.worthCompressing(data, 0, data.length);
    byte[] out = new byte[data.length + 64];
    int n = gz.compress(data, 0, data.length, out, 0, out.length);
    if (n >= 0) {
      byte[] back = gz.decompress(out, 0, n, data.length, "test");
      org.junit.jupiter.api.Assertions.assertArrayEquals(data, back);
    }
  }
}
