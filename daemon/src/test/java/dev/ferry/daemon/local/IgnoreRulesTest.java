package dev.ferry.daemon.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IgnoreRulesTest {
  private static final boolean DIR = true;
  private static final boolean FILE = false;

  private static Arguments row(List<String> patterns, String path, boolean isDir, boolean ignored) {
    return Arguments.of(patterns, path, isDir, ignored);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // Name patterns match at any depth.
        row(List.of("*.tmp"), "a.tmp", FILE, true),
        row(List.of("*.tmp"), "deep/dir/a.tmp", FILE, true),
        row(List.of("*.tmp"), "a.tmp.txt", FILE, false),
        row(List.of("*.tmp"), ".tmp", FILE, true),
        row(List.of("*.tmp"), "dir.tmp/inside.txt", FILE, true),
        row(List.of("*.TMP"), "a.tmp", FILE, false),
        row(List.of("a.b"), "axb", FILE, false),
        row(List.of("(x)+{1}$^|"), "(x)+{1}$^|", FILE, true),
        row(List.of("ä*"), "dir/äbc", FILE, true),
        // ? and bracket expressions, never across a slash.
        row(List.of("?.txt"), "a.txt", FILE, true),
        row(List.of("?.txt"), "ab.txt", FILE, false),
        row(List.of("a?b"), "a/b", FILE, false),
        row(List.of("[a-c].txt"), "b.txt", FILE, true),
        row(List.of("[a-c].txt"), "d.txt", FILE, false),
        row(List.of("[!a-c].txt"), "d.txt", FILE, true),
        row(List.of("[!a-c].txt"), "a.txt", FILE, false),
        row(List.of("[^a].txt"), "b.txt", FILE, true),
        row(List.of("x[!a]y"), "x/y", FILE, false),
        row(List.of("[]a]"), "]", FILE, true),
        row(List.of("[unclosed"), "[unclosed", FILE, false),
        row(List.of("[unclosed", "x"), "x", FILE, true),
        row(List.of("*"), "anything/at/all", FILE, true),
        // A trailing slash: directories only, and everything inside them.
        row(List.of(".cache/"), ".cache", DIR, true),
        row(List.of(".cache/"), ".cache", FILE, false),
        row(List.of(".cache/"), "a/.cache", DIR, true),
        row(List.of(".cache/"), ".cache/x/y.bin", FILE, true),
        row(List.of(".cache/"), "a/.cache/y.bin", FILE, true),
        // A leading or middle slash anchors to the root.
        row(List.of("/build"), "build", DIR, true),
        row(List.of("/build"), "build", FILE, true),
        row(List.of("/build"), "build/out.o", FILE, true),
        row(List.of("/build"), "src/build", DIR, false),
        row(List.of("/build"), "src/build/out.o", FILE, false),
        row(List.of("build/"), "src/build", DIR, true),
        row(List.of("doc/frotz"), "doc/frotz", FILE, true),
        row(List.of("doc/frotz"), "a/doc/frotz", FILE, false),
        row(List.of("foo/*"), "foo/bar", FILE, true),
        row(List.of("foo/*"), "foo/bar/baz", FILE, true),
        row(List.of("foo/*"), "x/foo/bar", FILE, false),
        row(List.of("foo/*"), "foo", DIR, false),
        // ** in its three places.
        row(List.of("docs/**/*.md"), "docs/a.md", FILE, true),
        row(List.of("docs/**/*.md"), "docs/x/y/a.md", FILE, true),
        row(List.of("docs/**/*.md"), "docs/a.txt", FILE, false),
        row(List.of("docs/**/*.md"), "other/docs/a.md", FILE, false),
        row(List.of("**/logs"), "logs", DIR, true),
        row(List.of("**/logs"), "a/b/logs", DIR, true),
        row(List.of("**/logs"), "a/b/logs/x.txt", FILE, true),
        row(List.of("**/logs/debug.log"), "logs/debug.log", FILE, true),
        row(List.of("**/logs/debug.log"), "x/y/logs/debug.log", FILE, true),
        row(List.of("**/logs/debug.log"), "x/logs/other.log", FILE, false),
        row(List.of("logs/**"), "logs/a", FILE, true),
        row(List.of("logs/**"), "logs/a/b", FILE, true),
        row(List.of("logs/**"), "logs", DIR, false),
        row(List.of("logs/**"), "x/logs/a", FILE, false),
        row(List.of("a/**/b"), "a/b", FILE, true),
        row(List.of("a/**/b"), "a/x/b", FILE, true),
        row(List.of("a/**/b"), "a/x/y/b", FILE, true),
        row(List.of("a/**/b"), "a/xb", FILE, false),
        row(List.of("**"), "x/y", FILE, true),
        row(List.of("a**b"), "axxb", FILE, true),
        row(List.of("a**b"), "ax/xb", FILE, false),
        // ! re-includes, and the last match wins.
        row(List.of("*.tmp", "!keep.tmp"), "keep.tmp", FILE, false),
        row(List.of("*.tmp", "!keep.tmp"), "sub/keep.tmp", FILE, false),
        row(List.of("*.tmp", "!keep.tmp"), "other.tmp", FILE, true),
        row(List.of("!keep.tmp", "*.tmp"), "keep.tmp", FILE, true),
        row(List.of("build/*", "!build/keep.txt"), "build/keep.txt", FILE, false),
        row(List.of("build/*", "!build/keep.txt"), "build/other.txt", FILE, true),
        row(List.of("*", "!*/", "!*.md"), "a/b.md", FILE, false),
        row(List.of("*", "!*/", "!*.md"), "a/b.txt", FILE, true),
        row(List.of("logs/", "!logs/"), "logs/a.txt", FILE, false),
        // Nothing inside an excluded directory can be re-included.
        row(List.of("build/", "!build/keep.txt"), "build/keep.txt", FILE, true),
        row(List.of("/build", "!keep.txt"), "build/keep.txt", FILE, true),
        row(List.of("secret/", "!secret/**"), "secret/x", FILE, true),
        // Line syntax: comments, escapes, trailing spaces, CR.
        row(List.of("#file"), "#file", FILE, false),
        row(List.of("\\#file"), "#file", FILE, true),
        row(List.of("\\!important"), "!important", FILE, true),
        row(List.of("foo  "), "foo", FILE, true),
        row(List.of("foo  "), "foo ", FILE, false),
        row(List.of("foo\\ "), "foo ", FILE, true),
        row(List.of("foo\\ "), "foo", FILE, false),
        row(List.of("*.tmp\r"), "a.tmp", FILE, true),
        row(List.of("", "   ", "# only a comment", "/", "!"), "x", FILE, false),
        row(List.of("a\\*b"), "a*b", FILE, true),
        row(List.of("a\\*b"), "axb", FILE, false),
        row(List.of(), "x", FILE, false));
  }

  @ParameterizedTest(name = "{0} {1} dir={2} -> {3}")
  @MethodSource("table")
  void gitignoreSemantics(List<String> patterns, String path, boolean isDir, boolean ignored) {
    assertEquals(ignored, IgnoreRules.of(patterns).isIgnored(path, isDir));
  }

  @Test
  void loadAddsTheFolderFileAfterTheConfig(@TempDir Path root) throws IOException {
    Files.writeString(root.resolve(".ferryignore"),
        "\uFEFF# comment\r\n\r\n!keep.tmp\r\n*.log\n", StandardCharsets.UTF_8);
    IgnoreRules rules = IgnoreRules.load(root, List.of("*.tmp", ".cache/"));
    assertEquals(List.of("*.tmp", ".cache/", "!keep.tmp", "*.log"), rules.patterns());
    assertTrue(rules.isIgnored("a.tmp", false));
    assertFalse(rules.isIgnored("keep.tmp", false));
    assertTrue(rules.isIgnored("x/y.log", false));
    assertTrue(rules.isIgnored(".cache/z", false));
    assertFalse(rules.isIgnored("notes.md", false));
  }

  @Test
  void loadWithoutFileUsesConfigOnly(@TempDir Path root) throws IOException {
    IgnoreRules rules = IgnoreRules.load(root, List.of("*.tmp"));
    assertTrue(rules.isIgnored("a.tmp", false));
    assertEquals(List.of("*.tmp"), rules.patterns());
  }

  @Test
  void loadRefusesBadFilesByName(@TempDir Path root) throws IOException {
    Files.write(root.resolve(".ferryignore"), new byte[] {'a', (byte) 0xff, '\n'});
    IOException e = assertThrows(IOException.class, () -> IgnoreRules.load(root, List.of()));
    assertTrue(e.getMessage().contains(".ferryignore") && e.getMessage().contains("UTF-8"),
        e.getMessage());
    Files.delete(root.resolve(".ferryignore"));
    Files.createDirectory(root.resolve(".ferryignore"));
    e = assertThrows(IOException.class, () -> IgnoreRules.load(root, List.of()));
    assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
  }

  @Test
  void refusesPathsThatAreNotRelative() {
    IgnoreRules rules = IgnoreRules.of(List.of("*.tmp"));
    for (String bad : new String[] {"", "/a.tmp", "a/", null}) {
      assertThrows(IllegalArgumentException.class, () -> rules.isIgnored(bad, false), bad);
    }
    assertFalse(IgnoreRules.none().isIgnored("a.tmp", false));
  }
}
