package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code bm bench tls} runs end to end with tiny sizes and prints every figure (values unchecked).
 */
class TlsBenchCommandTest {
  @Test
  void smallRunPrintsAllFiguresAsJson() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.out;
    int rc;
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      rc =
          new CommandLine(new NodeMain())
              .execute(
                  "bench",
                  "tls",
                  "--handshakes",
                  "3",
                  "--warmup",
                  "1",
                  "--objects",
                  "30",
                  "--payload",
                  "100",
                  "--repeats",
                  "1",
                  "--json");
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8).trim();
    assertEquals(0, rc, out);
    for (String key :
        new String[] {
          "handshake_plain_median_ms",
          "handshake_tls_median_ms",
          "handshake_tls_phase_median_ms",
          "serve_plain_per_s",
          "serve_tls_per_s",
          "sync_plain_per_s",
          "sync_tls_per_s"
        }) {
      Matcher m = Pattern.compile("\"" + key + "\":([0-9.]+)").matcher(out);
      assertTrue(m.find(), key + " in " + out);
      assertTrue(Double.parseDouble(m.group(1)) > 0, key + " in " + out);
    }
    assertTrue(out.contains("\"cipher_suite\":\"TLS_ECDH_anon_WITH_AES_256_CBC_SHA\""), out);
  }
}
