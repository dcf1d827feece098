package dev.bitmsg.node.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the parser properties of {@link ApiFuzzChecks} deterministically: each request below, as
 * Python's xmlrpc.client and a JSON-RPC client write them, must be accepted (so the properties are
 * not vacuous), and seeded mutations of it (byte flips, cuts, inserted bytes) must never raise
 * anything but a rejection.
 */
class ApiFuzzChecksTest {
  private static final int MUTATIONS = 400;

  static final String XML_CALL =
      "<?xml version='1.0'?>\n<methodCall>\n<methodName>sendMessage</methodName>\n<params>\n"
          + "<param>\n<value><string>BM-2cW</string></value>\n</param>\n"
          + "<param>\n<value><int>42</int></value>\n</param>\n"
          + "<param>\n<value><boolean>1</boolean></value>\n</param>\n"
          + "<param>\n<value><double>-2.5</double></value>\n</param>\n"
          + "<param>\n<value><base64>\naGVsbG8=\n</base64></value>\n</param>\n"
          + "<param>\n<value><array><data>\n<value><i8>9000000000</i8></value>\n"
          + "<value>plain &amp; text</value>\n</data></array></value>\n</param>\n"
          + "<param>\n<value><struct>\n<member>\n<name>k</name>\n<value><nil/></value>\n"
          + "</member>\n</struct></value>\n</param>\n"
          + "</params>\n</methodCall>\n";

  static final String JSON_CALL =
      "{\"jsonrpc\": \"2.0\", \"method\": \"sendMessage\", \"params\": [\"BM-2cW\", 42, true,"
          + " -2.5e0, null, [1, \"\\u00e9\"], {\"k\": {}}], \"id\": 7}";

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    out.add(
        Arguments.of(
            "xmlRpcRequest",
            (Predicate<byte[]>) ApiFuzzChecks::xmlRpcRequest,
            XML_CALL.getBytes(StandardCharsets.UTF_8)));
    out.add(
        Arguments.of(
            "jsonRpcRequest",
            (Predicate<byte[]>) ApiFuzzChecks::jsonRpcRequest,
            JSON_CALL.getBytes(StandardCharsets.UTF_8)));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void seedIsAccepted_andMutationsOnlyEverGetRejected(
      String target, Predicate<byte[]> check, byte[] seed) {
    assertTrue(check.test(seed), target + " must accept its seed");
    SplittableRandom random = new SplittableRandom(target.hashCode());
    int accepted = 0;
    for (int i = 0; i < MUTATIONS; i++) {
      if (check.test(mutate(seed, random))) {
        accepted++;
      }
    }
    assertTrue(
        accepted < MUTATIONS, target + ": every mutation accepted, the parser checks nothing");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void junkIsRejected(String target, Predicate<byte[]> check, byte[] seed) {
    for (String junk :
        List.of("", "01", "1.", "+1", "<methodCall/>", "{\"method\": 1}", "\u0000", "[]")) {
      assertFalse(check.test(junk.getBytes(StandardCharsets.UTF_8)), target + ": " + junk);
    }
  }

  private static byte[] mutate(byte[] seed, SplittableRandom r) {
    byte[] b = seed.clone();
    switch (r.nextInt(3)) {
      case 0 -> {
        for (int k = 1 + r.nextInt(3); k > 0; k--) {
          b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        }
        return b;
      }
      case 1 -> {
        return Arrays.copyOf(b, r.nextInt(b.length));
      }
      default -> {
        int at = r.nextInt(b.length);
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, at);
        out[at] = (byte) r.nextInt(256);
        System.arraycopy(b, at, out, at + 1, b.length - at);
        return out;
      }
    }
  }
}
