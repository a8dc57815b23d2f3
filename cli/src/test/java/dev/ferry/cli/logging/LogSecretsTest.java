package dev.ferry.cli.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.CliRun;
import dev.ferry.daemon.logs.LogLine;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Invariant 8: a password, a device token or a key never reaches a log line, even when it
 * travels inside an exception message. Runs the real login path with a known password and
 * logging set up as the daemon has it, then greps every byte that was written.
 */
class LogSecretsTest {
  static final String PASSWORD = "correct horse battery staple";
  static final String TOKEN = "tok_3xampleDeviceTokenValue_9f8e7d6c5b";

  @TempDir Path dir;

  @AfterEach
  void restore() {
    Logging.resetToDefault();
    SecretScrubber.clearRegistered();
    MDC.clear();
  }

  @Test
  void secretsNeverReachTheLogFileNorTheTerminal() throws Exception {
    Path logs = dir.resolve("logs");
    Logging.forService(logs, "daemon", "laptop", false);
    Path pw = dir.resolve("pw");
    Files.writeString(pw, PASSWORD + "\n");
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    // The login path reads the password and fails on the unreachable hub; whatever it logs or prints is checked.
    CliRun.Result login = CliRun.run("login", "--home", dir.resolve("home").toString(), "--server",
        "http://127.0.0.1:" + closedPort, "--user", "alice", "--password-file", pw.toString());
    assertNotEquals(0, login.exit());

    byte[] rawKey = new byte[32];
    new SecureRandom().nextBytes(rawKey);
    String key = Base64.getEncoder().encodeToString(rawKey);
    Logger log = LoggerFactory.getLogger("dev.ferry.daemon.remote.HubClient");
    MDC.put("folder", "docs");
    MDC.put("auth", "Bearer " + TOKEN);
    log.info("session for alice with password {}", PASSWORD);
    log.warn("hub call failed", new IOException("401 for Authorization: Bearer " + TOKEN + " key=" + key,
        new IllegalStateException("wrapped " + key)));
    log.error("cannot unwrap folder key {}", key);

    String written = readAll(logs);
    String printed = login.out() + login.err();
    for (String secret : List.of(PASSWORD, "correct horse", TOKEN, key)) {
      assertFalse(written.contains(secret), "log file contains " + secret + ":\n" + written);
      assertFalse(printed.contains(secret), "terminal output contains " + secret);
    }
    List<String> lines = written.lines().toList();
    assertEquals(3, lines.size(), written);
    for (String l : lines) {
      LogLine parsed = LogLine.parse(l).orElseThrow();
      assertTrue(parsed.ts() != null && parsed.msg() != null && parsed.text("level") != null, l);
    }
    assertTrue(written.contains(SecretScrubber.REDACTED), written);
    assertTrue(lines.get(1).contains("IOException"), "the stack trace is kept, only the secret goes: " + lines.get(1));
  }

  private static String readAll(Path logs) throws IOException {
    StringBuilder b = new StringBuilder();
    try (var files = Files.list(logs)) {
      for (Path p : files.sorted().toList()) b.append(Files.readString(p, StandardCharsets.UTF_8));
    }
    return b.toString();
  }
}
