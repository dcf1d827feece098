package dev.bitmsg.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void parse_mapsEveryKindOfValue() {
    Object v = Json.parse("{\"a\": [1, -2.5e3, true, null, \"q\\\"\\u00e9\\n\"], \"b\": {}}");
    assertEquals(
        Map.of("a", Arrays.asList(1L, -2500.0, true, null, "q\"\u00e9\n"), "b", Map.of()), v);
    assertEquals(v, Json.parse(Json.write(v)));
    assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
    assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
    assertEquals(9.223372036854776E18, Json.parse("9223372036854775808"));
    assertEquals(0L, Json.parse(" 0 "));
    assertEquals(-0.5, Json.parse("-0.5"));
  }

  @Test
  void parse_refusesWhatIsNotStrictJson() {
    for (String bad :
        List.of(
            "",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "tru",
            "\"\\x\"",
            "1 2",
            "01",
            "1.",
            "+1",
            ".5",
            "-",
            "1e",
            "NaN",
            "Infinity",
            "1e999",
            "'a'",
            "{a: 1}",
            "[1] // c",
            "\"tab\there\"",
            "{\"a\": 1, \"a\": 2}",
            "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1))) {
      assertThrows(RpcFormatException.class, () -> Json.parse(bad), bad);
    }
    assertInstanceOf(
        List.class, Json.parse("[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH)));
  }

  @Test
  void write_isOneLineAsPythonWritesIt() throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "x\u00e9");
    m.put("n", 1L);
    m.put("big", new BigInteger("18446744073709551615"));
    m.put("d", 0.25);
    m.put("l", Arrays.asList(true, null));
    m.put("b", new byte[] {1, 2});
    assertEquals(
        "{\"s\": \"x\u00e9\", \"n\": 1, \"big\": 18446744073709551615, \"d\": 0.25,"
            + " \"l\": [true, null], \"b\": \"AQI=\"}",
        Json.write(m));
    StringWriter streamed = new StringWriter();
    Json.write(m, streamed);
    assertEquals(Json.write(m), streamed.toString(), "streamed as written whole");
  }

  @Test
  void writeIndented_isPythonsDumpsWithIndentFour() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("label", "caf\u00e9 \u20ac");
    m.put("list", List.of(1L, Map.of()));
    m.put("empty", List.of());
    // json.dumps({"label": "café €", "list": [1, {}], "empty": []}, indent=4)
    assertEquals(
        "{\n"
            + "    \"label\": \"caf\\u00e9 \\u20ac\",\n"
            + "    \"list\": [\n"
            + "        1,\n"
            + "        {}\n"
            + "    ],\n"
            + "    \"empty\": []\n"
            + "}",
        Json.writeIndented(m));
    assertEquals("null", Json.writeIndented(null));
  }
}
