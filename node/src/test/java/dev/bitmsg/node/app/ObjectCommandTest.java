package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.vectors.VectorFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ObjectCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = new CommandLine(new NodeMain());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  private static String object(String title) {
    return VectorFile.block("objects.txt", title).get("object");
  }

  @Test
  void decode_getpubkeyV4_text() {
    VectorFile.Block b = VectorFile.block("pow.txt", "full worked example");
    assertEquals(0, run("object", "decode", "--hex", b.get("object")), err.toString());
    String text = out.toString();
    assertTrue(text.contains("nonce                 00000000000828db"), text);
    assertTrue(text.contains("expiresTime           1700003600"), text);
    assertTrue(text.contains("typeName              getpubkey"), text);
    assertTrue(text.contains("version               4"), text);
    assertTrue(text.contains("stream                1"), text);
    assertTrue(text.contains("length                54"), text);
    assertTrue(text.contains("inventoryVector       " + b.get("inventory_vector")), text);
    assertTrue(text.contains("tag                 3835718d"), text);
  }

  @Test
  void decode_pubkeyV3_json_showsKeysAndDifficulty() {
    VectorFile.Block b = VectorFile.block("objects.txt", "pubkey object v3");
    assertEquals(0, run("object", "decode", "--json", "--hex", b.get("object")), err.toString());
    String json = out.toString().strip();
    assertTrue(
        json.startsWith("{\"nonce\": \"0000000000ab2513\", \"expiresTime\": 1432892263,"), json);
    assertTrue(json.contains("\"typeName\": \"pubkey\""), json);
    assertTrue(json.contains("\"inventoryVector\": \"" + b.get("inventory_vector") + "\""), json);
    assertTrue(json.contains("\"publicSigningKey\": \"" + b.get("pub_signing_key") + "\""), json);
    assertTrue(
        json.contains("\"publicEncryptionKey\": \"" + b.get("pub_encryption_key") + "\""), json);
    assertTrue(json.contains("\"nonceTrialsPerByte\": 1000, \"extraBytes\": 1000"), json);
    assertTrue(json.endsWith("}}"), json);
  }

  @Test
  void decode_pubkeyV2_andGetpubkeyRipe_andBroadcastTag() {
    VectorFile.Block v2 = VectorFile.block("objects.txt", "pubkey object v2");
    assertEquals(0, run("object", "decode", "--json", "--hex", v2.get("object")));
    assertTrue(
        out.toString().contains("\"publicSigningKey\": \"" + v2.get("pub_signing_key") + "\""));
    VectorFile.Block g = VectorFile.block("objects.txt", "getpubkey object version 3");
    assertEquals(0, run("object", "decode", "--json", "--hex", g.get("object")));
    assertTrue(out.toString().contains("\"ripe\": \"" + g.get("ripe_or_tag") + "\""));
    VectorFile.Block bc = VectorFile.block("objects.txt", "broadcast object version 5");
    assertEquals(0, run("object", "decode", "--json", "--hex", bc.get("object")));
    assertTrue(out.toString().contains("\"tag\": \"" + bc.get("tag") + "\""));
  }

  @Test
  void decode_badInput_exitsOneWithAClearMessage() {
    assertEquals(1, run("object", "decode", "--hex", "xyz"));
    assertTrue(err.toString().contains("not valid hex"), err.toString());
    assertEquals(1, run("object", "decode", "--hex", "0000"));
    assertTrue(err.toString().contains("not an object"), err.toString());
    String truncatedPubkey = object("pubkey object v2");
    truncatedPubkey = truncatedPubkey.substring(0, truncatedPubkey.length() - 2);
    assertEquals(1, run("object", "decode", "--hex", truncatedPubkey));
    assertTrue(err.toString().contains("malformed pubkey payload"), err.toString());
  }
}
