package dev.ferry.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/** Where a password comes from: a file, {@code FERRY_PASSWORD}, or the terminal prompt. */
final class Passwords {
  static final String ENV = "FERRY_PASSWORD";

  private Passwords() {}

  /** A new account's password is at least this long: it alone keeps the hub from the folder keys it stores wrapped. */
  static final int MIN_NEW = 8;

  /**
   * The password; also registered with the log scrubber so it can never reach a log line.
   *
   * @param isNew a new account's password ({@code init}): at least {@link #MIN_NEW} characters,
   *     whatever its source, and typed twice at a prompt
   */
  static char[] read(Path file, boolean isNew) throws IOException, UsageException {
    char[] p = readUnregistered(file, isNew && file == null);
    if (isNew && p.length < MIN_NEW) {
      throw new UsageException("the password must have at least " + MIN_NEW + " characters (it alone protects the keys the hub stores)");
    }
    dev.ferry.cli.logging.SecretScrubber.register(p);
    return p;
  }

  private static char[] readUnregistered(Path file, boolean confirm) throws IOException, UsageException {
    if (file != null) {
      String s = readFile(file);
      int nl = s.indexOf('\n');
      String line = (nl >= 0 ? s.substring(0, nl) : s).replace("\r", "");
      if (line.isEmpty()) throw new UsageException("password file " + file + " is empty");
      return line.toCharArray();
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isEmpty()) return env.toCharArray();
    Console c = System.console();
    if (c == null) {
      throw new UsageException("no password: give --password-file FILE or set " + ENV + " (no terminal to prompt on)");
    }
    char[] p = c.readPassword("Password: ");
    if (p == null || p.length == 0) throw new UsageException("empty password");
    if (confirm) {
      if (p.length < MIN_NEW) throw new UsageException("the password must have at least " + MIN_NEW + " characters");
      char[] again = c.readPassword("Password again: ");
      if (again == null || !Arrays.equals(p, again)) throw new UsageException("the passwords differ");
    }
    return p;
  }

  /**
   * The file's text. A file that cannot be read fails (exit 1, like any file a verb cannot use)
   * with its name and why: the JDK says only the path for a missing one, only "Is a directory"
   * for a directory.
   */
  private static String readFile(Path file) throws IOException {
    String why;
    try {
      if (Files.isDirectory(file)) {
        why = "it is a directory";
      } else {
        return Files.readString(file, StandardCharsets.UTF_8);
      }
    } catch (NoSuchFileException e) {
      why = "no such file";
    } catch (AccessDeniedException e) {
      why = "permission denied";
    } catch (CharacterCodingException e) {
      why = "it is not UTF-8 text";
    } catch (IOException e) {
      why = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : Failures.describe(e);
    }
    throw new IOException("cannot read password file " + file + ": " + why);
  }

  /** A usage problem: exit code 2. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
