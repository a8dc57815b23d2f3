package dev.ferry.daemon.core.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per case: (ancestor, local, remote) → merged text, or "CONFLICT " and the start of
 * the reason. Single quotes in a row stand for double quotes. Every row is also merged from
 * the other device's point of view (sides and device ids swapped) and must give the same bytes.
 */
class JsonMergeTest {
  static final MergeOptions AB = MergeOptions.of("devA", "devB");

  static Stream<Arguments> rows() {
    return Stream.of(
        // --- objects
        row("unchanged", "{'a':1}", "{'a':1}", "{'a':1}", "{'a':1}"),
        row("local only", "{'a':1}", "{'a':2}", "{'a':1}", "{'a':2}"),
        row("remote only", "{'a':1}", "{'a':1}", "{'a':2}", "{'a':2}"),
        row("same change both sides", "{'a':1,'b':1}", "{'a':2,'b':1}", "{'a':2,'b':1}", "{'a':2,'b':1}"),
        row("different keys changed", "{'a':1,'b':1}", "{'a':2,'b':1}", "{'a':1,'b':2}", "{'a':2,'b':2}"),
        row("same key, different values", "{'a':1,'b':1}", "{'a':2,'b':1}", "{'a':3,'b':1}", "CONFLICT $.a: changed on both sides (number)"),
        row("keys added on each side: devA's first", "{'a':1}", "{'a':1,'x':1}", "{'a':1,'y':2}", "{'a':1,'x':1,'y':2}"),
        row("keys added on each side, remote first in text", "{'a':1}", "{'y':2,'a':1}", "{'x':1,'a':1}", "{'a':1,'y':2,'x':1}"),
        row("same key added alike", "{'a':1}", "{'a':1,'x':[1]}", "{'a':1,'x':[1],'z':0}", "{'a':1,'x':[1],'z':0}"),
        row("same key added differently", "{'a':1}", "{'a':1,'x':1}", "{'a':1,'x':2}", "CONFLICT $.x: added on both sides with different values"),
        row("removed on one side, untouched on the other", "{'a':1,'b':2}", "{'a':1}", "{'a':1,'b':2,'c':3}", "{'a':1,'c':3}"),
        row("removed on one side, changed on the other", "{'a':1,'b':2}", "{'a':1}", "{'a':1,'b':3}", "CONFLICT $.b: removed on one side and changed on the other"),
        row("removed on both sides", "{'a':1,'b':2}", "{'a':1}", "{'b':2}", "{}"),
        row("removed on both, one adds", "{'a':1,'b':2}", "{'a':1,'c':0}", "{'a':1}", "{'a':1,'c':0}"),
        row("key order follows the ancestor", "{'a':1,'b':1,'c':1}", "{'c':1,'b':1,'a':2}", "{'a':1,'b':1,'c':2}", "{'a':2,'b':1,'c':2}"),
        row("nested objects merge", "{'s':{'x':1,'y':1}}", "{'s':{'x':2,'y':1}}", "{'s':{'x':1,'y':2}}", "{'s':{'x':2,'y':2}}"),
        row("deeply nested", "{'a':{'b':{'c':{'d':1,'e':1}}}}", "{'a':{'b':{'c':{'d':2,'e':1}}}}", "{'a':{'b':{'c':{'d':1,'e':2}}}}", "{'a':{'b':{'c':{'d':2,'e':2}}}}"),
        row("nested conflict names its path", "{'s':{'x':1}}", "{'s':{'x':2}}", "{'s':{'x':3}}", "CONFLICT $.s.x: changed on both sides (number)"),
        row("odd key names are quoted in the path", "{'a b':1}", "{'a b':2}", "{'a b':3}", "CONFLICT $[\"a b\"]: changed on both sides"),
        row("null is a value", "{'a':null}", "{'a':1}", "{'a':null,'b':true}", "{'a':1,'b':true}"),
        row("changed to null vs changed", "{'a':1}", "{'a':null}", "{'a':2}", "CONFLICT $.a: changed to different types on each side (null, number)"),
        // --- type changes
        row("type changed on one side", "{'a':1}", "{'a':{'b':1}}", "{'a':1,'c':2}", "{'a':{'b':1},'c':2}"),
        row("type changed differently on both sides", "{'a':1}", "{'a':[1]}", "{'a':{'b':1}}", "CONFLICT $.a: changed to different types on each side (array, object)"),
        row("both made it an object", "{'a':1}", "{'a':{'x':1}}", "{'a':{'y':1}}", "{'a':{'x':1,'y':1}}"),
        row("both made it the same string", "{'a':1}", "{'a':'s'}", "{'a':'s'}", "{'a':'s'}"),
        row("string vs number", "{'a':'1'}", "{'a':'2'}", "{'a':2}", "CONFLICT $.a: changed to different types on each side (string, number)"),
        // --- plain arrays and scalars
        row("plain array changed on one side", "{'t':[1,2],'n':0}", "{'t':[1,2,3],'n':0}", "{'t':[1,2],'n':1}", "{'t':[1,2,3],'n':1}"),
        row("plain array changed on both sides", "{'t':[1,2]}", "{'t':[1,2,3]}", "{'t':[0,1,2]}", "CONFLICT $.t: changed on both sides (array)"),
        row("array with an item without id is plain", "{'m':[{'id':1}]}", "{'m':[{'id':1},{'x':2}]}", "{'m':[{'id':1},{'id':3}]}", "CONFLICT $.m: changed on both sides (array)"),
        row("array with a repeated id is plain", "{'m':[{'id':1}]}", "{'m':[{'id':1},{'id':1}]}", "{'m':[{'id':1},{'id':3}]}", "CONFLICT $.m: changed on both sides (array)"),
        row("top-level scalar, one side", "1", "2", "1", "2"),
        row("top-level scalar, both", "1", "2", "3", "CONFLICT $: changed on both sides (number)"),
        row("booleans", "{'on':true,'n':1}", "{'on':false,'n':1}", "{'on':true,'n':2}", "{'on':false,'n':2}"),
        // --- number and string texts survive exactly
        row("numbers keep their text", "{'p':1.0,'q':1}", "{'p':1.0,'q':2}", "{'p':1.0,'q':1,'big':12345678901234567890123}", "{'p':1.0,'q':2,'big':12345678901234567890123}"),
        row("exponents and negative zero kept", "{'a':1E+2,'b':-0}", "{'a':1E+2,'b':-0,'c':1}", "{'a':1E+2,'b':-0.0e-0}", "{'a':1E+2,'b':-0.0e-0,'c':1}"),
        row("1 and 1.0 are different changes", "{'a':0}", "{'a':1}", "{'a':1.0}", "CONFLICT $.a: changed on both sides (number)"),
        row("string escapes kept", "{'s':'\\u00e9','n':0}", "{'s':'\\u00e9','n':1}", "{'s':'\\u00e9','n':0,'t':'a\\\"b\\n'}", "{'s':'\\u00e9','n':1,'t':'a\\\"b\\n'}"),
        row("escaped and plain spelling of one string are equal", "{'s':'a','n':0}", "{'s':'\\u0062','n':1}", "{'s':'b','n':0}", "{'s':'\\u0062','n':1}"),
        // --- id-keyed arrays
        row("chat: both append, ordered by device", "{'messages':[{'id':'m1','text':'hi'}]}",
            "{'messages':[{'id':'m1','text':'hi'},{'id':'m2','text':'from A'}]}",
            "{'messages':[{'id':'m1','text':'hi'},{'id':'m3','text':'from B'}]}",
            "{'messages':[{'id':'m1','text':'hi'},{'id':'m2','text':'from A'},{'id':'m3','text':'from B'}]}"),
        row("chat: ordered by timestamp first", "{'messages':[{'id':'m1','ts':1}]}",
            "{'messages':[{'id':'m1','ts':1},{'id':'m2','ts':20}]}",
            "{'messages':[{'id':'m1','ts':1},{'id':'m3','ts':10}]}",
            "{'messages':[{'id':'m1','ts':1},{'id':'m3','ts':10},{'id':'m2','ts':20}]}"),
        row("numeric timestamps compare as numbers", "[]", "[{'id':'a','time':10}]", "[{'id':'b','time':9.5}]", "[{'id':'b','time':9.5},{'id':'a','time':10}]"),
        row("ISO timestamps compare as text", "[]", "[{'id':'a','created_at':'2024-05-02T10:00:00Z'}]", "[{'id':'b','created_at':'2024-05-01T23:00:00Z'}]",
            "[{'id':'b','created_at':'2024-05-01T23:00:00Z'},{'id':'a','created_at':'2024-05-02T10:00:00Z'}]"),
        row("first candidate field wins", "[]", "[{'id':'a','timestamp':2,'date':'0'}]", "[{'id':'b','ts':1,'date':'9'}]", "[{'id':'b','ts':1,'date':'9'},{'id':'a','timestamp':2,'date':'0'}]"),
        row("items without timestamp go last", "[]", "[{'id':'a'}]", "[{'id':'b','createdAt':'x'}]", "[{'id':'b','createdAt':'x'},{'id':'a'}]"),
        row("number timestamps before string ones", "[]", "[{'id':'a','ts':'1'}]", "[{'id':'b','ts':5}]", "[{'id':'b','ts':5},{'id':'a','ts':'1'}]"),
        row("same timestamp: by device", "[]", "[{'id':'z','ts':1}]", "[{'id':'a','ts':1}]", "[{'id':'z','ts':1},{'id':'a','ts':1}]"),
        row("same device: by id, numbers by value", "[{'id':1}]", "[{'id':1},{'id':10},{'id':9}]", "[{'id':1}]", "[{'id':1},{'id':10},{'id':9}]"),
        row("same device, both sides changed: by id", "[{'id':1,'v':0}]", "[{'id':1,'v':1},{'id':10},{'id':9}]", "[{'id':1,'v':0},{'id':'x'}]", "[{'id':1,'v':1},{'id':9},{'id':10},{'id':'x'}]"),
        row("string and number ids differ", "[]", "[{'id':1,'s':'A'}]", "[{'id':'1','s':'B'}]", "[{'id':1,'s':'A'},{'id':'1','s':'B'}]"),
        row("removed on one side, untouched on the other", "{'m':[{'id':1},{'id':2}]}", "{'m':[{'id':2}]}", "{'m':[{'id':1},{'id':2},{'id':3}]}", "{'m':[{'id':2},{'id':3}]}"),
        row("removed on one side, changed on the other", "{'m':[{'id':1,'t':'a'}]}", "{'m':[]}", "{'m':[{'id':1,'t':'b'}],'x':1}", "CONFLICT $.m[id=1]: removed on one side and changed on the other"),
        row("item changed on one side, added on the other", "{'m':[{'id':'m1','t':'a'}]}", "{'m':[{'id':'m1','t':'edited'}]}", "{'m':[{'id':'m1','t':'a'},{'id':'m2'}]}", "{'m':[{'id':'m1','t':'edited'},{'id':'m2'}]}"),
        row("item changed on both sides, different fields", "{'m':[{'id':'m1','t':'a','r':0}]}", "{'m':[{'id':'m1','t':'b','r':0}]}", "{'m':[{'id':'m1','t':'a','r':1}]}", "{'m':[{'id':'m1','t':'b','r':1}]}"),
        row("item changed on both sides, same field", "{'m':[{'id':'m1','t':'a'}]}", "{'m':[{'id':'m1','t':'b'}]}", "{'m':[{'id':'m1','t':'c'}]}", "CONFLICT $.m[id=\"m1\"].t: changed on both sides (string)"),
        row("same item added on both sides", "{'m':[]}", "{'m':[{'id':'n','t':1}]}", "{'m':[{'id':'n','t':1}]}", "{'m':[{'id':'n','t':1}]}"),
        row("same id added with different fields", "{'m':[]}", "{'m':[{'id':'n','a':1}]}", "{'m':[{'id':'n','b':2}],'z':0}", "{'m':[{'id':'n','a':1,'b':2}],'z':0}"),
        row("same id added with clashing fields", "{'m':[]}", "{'m':[{'id':'n','a':1}]}", "{'m':[{'id':'n','a':2}]}", "CONFLICT $.m[id=\"n\"].a: added on both sides with different values"),
        row("array new on both sides merges as a set", "{}", "{'m':[{'id':'a'}]}", "{'m':[{'id':'b'}]}", "{'m':[{'id':'a'},{'id':'b'}]}"),
        row("ancestor order wins over a reorder", "{'m':[{'id':1},{'id':2}]}", "{'m':[{'id':2},{'id':1}]}", "{'m':[{'id':1},{'id':2},{'id':3}]}", "{'m':[{'id':1},{'id':2},{'id':3}]}"),
        row("an emptied array is an id array", "{'m':[{'id':1}],'n':0}", "{'m':[],'n':0}", "{'m':[{'id':1},{'id':2}],'n':1}", "{'m':[{'id':2}],'n':1}"),
        row("chat file in an object of chats", "{'chats':{'c1':{'messages':[{'id':1}]},'c2':{'messages':[]}}}",
            "{'chats':{'c1':{'messages':[{'id':1},{'id':2}]},'c2':{'messages':[]}}}",
            "{'chats':{'c1':{'messages':[{'id':1}]},'c2':{'messages':[{'id':7}]}}}",
            "{'chats':{'c1':{'messages':[{'id':1},{'id':2}]},'c2':{'messages':[{'id':7}]}}}"),
        // --- not JSON
        row("local not JSON", "{'a':1}", "{'a':", "{'a':2}", "CONFLICT not JSON (local): unexpected end"),
        row("remote has a trailing comma", "{'a':1}", "{'a':2}", "{'a':1,}", "CONFLICT not JSON (remote): expected a key in quotes"),
        row("ancestor has a duplicate key", "{'a':1,'a':2}", "{'a':2}", "{'a':3}", "CONFLICT not JSON (ancestor): duplicate key \"a\" at line 1, column 8"),
        row("comments are not JSON", "{'a':1}", "{'a':1} // x", "{'a':2}", "CONFLICT not JSON (local): unexpected text after the document"),
        row("NaN is not JSON", "{'a':1}", "{'a':NaN}", "{'a':2}", "CONFLICT not JSON (local)"),
        row("leading zero is not JSON", "{'a':1}", "{'a':01}", "{'a':2}", "CONFLICT not JSON (local)"),
        row("raw control character is not JSON", "{'a':'x'}", "{'a':'x\ty'}", "{'a':'z'}", "CONFLICT not JSON (local): control character"),
        row("same invalid text on both sides", "{'a':1}", "{", "{", "CONFLICT not JSON (local and remote)"),
        row("empty text is not JSON", "{'a':1}", "", "{'a':2}", "CONFLICT not JSON (local)"));
  }

  static Arguments row(String name, String ancestor, String local, String remote, String expected) {
    return Arguments.of(name, j(ancestor), j(local), j(remote), expected.startsWith("CONFLICT") ? expected : j(expected));
  }

  static String j(String s) {
    return s.replace('\'', '"');
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void merges(String name, String ancestor, String local, String remote, String expected) {
    MergeResult result = JsonMerge.merge(ancestor, local, remote, AB);
    assertExpected(expected, result);
    MergeResult mirrored = JsonMerge.merge(ancestor, remote, local, AB.swapped());
    // The same bytes; a conflict's reason may name the sides from its own point of view.
    if (result instanceof MergeResult.Merged) {
      assertEquals(result, mirrored, "the other device must reach the same bytes");
    } else {
      assertInstanceOf(MergeResult.Conflict.class, mirrored, "the other device must see the conflict too");
    }
  }

  static void assertExpected(String expected, MergeResult result) {
    if (expected.startsWith("CONFLICT ")) {
      MergeResult.Conflict c = assertInstanceOf(MergeResult.Conflict.class, result, () -> "expected a conflict, got " + result);
      assertTrue(c.reason().startsWith(expected.substring("CONFLICT ".length())), () -> "reason was: " + c.reason());
    } else {
      assertEquals(new MergeResult.Merged(expected), result);
    }
  }

  @Test
  void chatFileFromTwoDevicesConvergesToTheSameBytes() {
    String ancestor = """
        {
          "title": "trip",
          "messages": [
            {
              "id": "m1",
              "from": "ann",
              "text": "hi",
              "ts": "2024-05-01T10:00:00Z"
            }
          ]
        }
        """;
    String m2 = """
            {
              "id": "m2",
              "from": "ann",
              "text": "train at 9?",
              "ts": "2024-05-01T10:05:00Z"
            }""";
    String m3 = """
            {
              "id": "m3",
              "from": "bob",
              "text": "bring snacks",
              "ts": "2024-05-01T10:03:00Z"
            }""";
    String end = "\n    }\n  ]";
    assertTrue(ancestor.contains(end));
    String onA = ancestor.replace(end, "\n    },\n" + m2.stripTrailing() + "\n  ]");
    String onB = ancestor.replace(end, "\n    },\n" + m3 + "\n  ]").replace("\"trip\"", "\"trip 2024\"");
    MergeResult onDeviceA = JsonMerge.merge(ancestor, onA, onB, MergeOptions.of("dev-a", "dev-b"));
    MergeResult onDeviceB = JsonMerge.merge(ancestor, onB, onA, MergeOptions.of("dev-b", "dev-a"));
    String expected = """
        {
          "title": "trip 2024",
          "messages": [
            {
              "id": "m1",
              "from": "ann",
              "text": "hi",
              "ts": "2024-05-01T10:00:00Z"
            },
            {
              "id": "m3",
              "from": "bob",
              "text": "bring snacks",
              "ts": "2024-05-01T10:03:00Z"
            },
            {
              "id": "m2",
              "from": "ann",
              "text": "train at 9?",
              "ts": "2024-05-01T10:05:00Z"
            }
          ]
        }
        """;
    assertEquals(new MergeResult.Merged(expected), onDeviceA);
    assertEquals(onDeviceA, onDeviceB);
  }

  /** Formatting follows the ancestor, whatever the sides look like. */
  static Stream<Arguments> layouts() {
    return Stream.of(
        Arguments.of("{\n  \"a\": 1,\n  \"b\": [1, 2]\n}\n", "{\n  \"a\": 2,\n  \"b\": [\n    1,\n    2\n  ],\n  \"c\": {}\n}\n"),
        Arguments.of("{\n\t\"a\": 1,\n\t\"b\": [1,2]\n}", "{\n\t\"a\": 2,\n\t\"b\": [\n\t\t1,\n\t\t2\n\t],\n\t\"c\": {}\n}"),
        Arguments.of("{\r\n    \"a\":1, \"b\":[1,2]}\r\n", "{\r\n    \"a\":2,\r\n    \"b\":[\r\n        1,\r\n        2\r\n    ],\r\n    \"c\":{}\r\n}\r\n"),
        Arguments.of("{\"a\": 1, \"b\": [1, 2]}", "{\"a\": 2, \"b\": [1, 2], \"c\": {}}"),
        Arguments.of("{\"a\":1,\"b\":[1,2]}\n", "{\"a\":2,\"b\":[1,2],\"c\":{}}\n"),
        Arguments.of("\uFEFF{\"a\":1,\"b\":[1,2]}", "\uFEFF{\"a\":2,\"b\":[1,2],\"c\":{}}"));
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void writesInTheAncestorsLayout(String ancestor, String expected) {
    String local = "{\"a\":2,\"b\":[1,2]}";
    String remote = "{ \"a\" : 1 , \"b\" : [ 1 , 2 ] , \"c\" : { } }";
    assertEquals(new MergeResult.Merged(expected), JsonMerge.merge(ancestor, local, remote, AB));
  }

  @Test
  void oneSidedChangeKeepsThatSidesBytes() {
    String ancestor = "{\"a\":1}";
    String local = "{\n    \"a\": 1,\n    \"b\": 2.50\n}";
    assertEquals(new MergeResult.Merged(local), JsonMerge.merge(ancestor, local, "{ \"a\" : 1 }", AB));
    assertEquals(new MergeResult.Merged(local), JsonMerge.merge(ancestor, "{ \"a\" : 1 }", local, AB));
  }

  @Test
  void timestampFieldsAreConfigurable() {
    MergeOptions byWhen = new MergeOptions("devA", "devB", List.of("when"));
    String ancestor = "[]";
    String local = "[{\"id\":\"a\",\"when\":2,\"ts\":1}]";
    String remote = "[{\"id\":\"b\",\"when\":1,\"ts\":2}]";
    assertEquals(new MergeResult.Merged("[{\"id\":\"b\",\"when\":1,\"ts\":2},{\"id\":\"a\",\"when\":2,\"ts\":1}]"),
        JsonMerge.merge(ancestor, local, remote, byWhen));
    assertEquals(new MergeResult.Merged("[{\"id\":\"a\",\"when\":2,\"ts\":1},{\"id\":\"b\",\"when\":1,\"ts\":2}]"),
        JsonMerge.merge(ancestor, local, remote, AB));
  }

  @Test
  void refusesAbsurdNesting() {
    String deep = "[".repeat(600) + "]".repeat(600);
    MergeResult r = JsonMerge.merge("[]", deep, "[1]", AB);
    assertTrue(r instanceof MergeResult.Conflict c && c.reason().contains("nested deeper than 512"), r::toString);
  }
}
