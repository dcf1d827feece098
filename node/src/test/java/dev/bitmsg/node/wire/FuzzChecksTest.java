package dev.bitmsg.node.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.vectors.VectorFile;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the fuzz properties of {@link FuzzChecks} deterministically: each vector input must be
 * accepted (so the properties are not vacuous), and seeded mutations of it (bit flips, cuts,
 * inserted bytes) must never raise anything but a rejection.
 */
class FuzzChecksTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final int MUTATIONS = 300;

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    VectorFile.Block version = VectorFile.block("framing.txt", "version message");
    VectorFile.Block addr = VectorFile.block("framing.txt", "addr with one entry");
    VectorFile.Block inv = VectorFile.block("framing.txt", "inv / getdata / dinv");
    VectorFile.Block error = VectorFile.block("framing.txt", "error message");
    VectorFile.Block local = VectorFile.block("objects.txt", "msg object built locally");
    StringBuilder frames = new StringBuilder("03");
    for (String f :
        List.of(
            version.get("frame"), addr.get("frame"), inv.get("inv_frame"), error.get("frame"))) {
      frames.append(f);
    }
    add(out, "frameDecoder", FuzzChecks::frameDecoder, frames.toString());
    add(out, "messageReader", FuzzChecks::messageReader, "00" + version.get("payload"));
    add(out, "messageReader", FuzzChecks::messageReader, "02" + addr.get("payload"));
    add(out, "messageReader", FuzzChecks::messageReader, "03" + inv.get("payload"));
    add(out, "messageReader", FuzzChecks::messageReader, "09" + error.get("payload"));
    add(out, "messageReader", FuzzChecks::messageReader, "06" + local.get("object"));
    add(out, "version", FuzzChecks::version, version.get("payload"));
    add(out, "addr", FuzzChecks::addr, addr.get("payload"));
    add(out, "inventoryList", FuzzChecks::inventoryList, inv.get("payload"));
    add(out, "error", FuzzChecks::error, error.get("payload"));
    for (VectorFile.Block b : VectorFile.read("objects.txt")) {
      if (b.has("object")) {
        add(out, "object", FuzzChecks::object, b.get("object"));
      }
    }
    add(out, "msgPlaintext", FuzzChecks::msgPlaintext, local.get("plaintext"));
    add(
        out,
        "msgPlaintext",
        FuzzChecks::msgPlaintext,
        VectorFile.block("objects.txt", "msg object (real").get("plaintext"));
    add(
        out,
        "broadcastPlaintext",
        FuzzChecks::broadcastPlaintext,
        VectorFile.block("objects.txt", "broadcast object version 4").get("plaintext"));
    add(
        out,
        "broadcastPlaintext",
        FuzzChecks::broadcastPlaintext,
        VectorFile.block("objects.txt", "broadcast object version 5").get("plaintext"));
    add(
        out,
        "pubkeyBody",
        FuzzChecks::pubkeyBody,
        VectorFile.block("objects.txt", "pubkey object v4").get("plaintext"));
    add(out, "embeddedAck", FuzzChecks::embeddedAck, local.get("ack_data_field"));
    add(out, "primitives", FuzzChecks::primitives, "03010203");
    add(out, "primitives", FuzzChecks::primitives, "0201fd012c");
    return out.stream();
  }

  private static void add(List<Arguments> out, String name, Predicate<byte[]> check, String hex) {
    out.add(Arguments.of(name, check, hex));
  }

  @ParameterizedTest(name = "{0} {index}")
  @MethodSource("cases")
  void vectorAccepted_andMutationsOnlyRejected(String name, Predicate<byte[]> check, String hex) {
    byte[] seed = HEX.parseHex(hex);
    assertTrue(check.test(seed), name + " must accept its vector input");
    SplittableRandom rnd = new SplittableRandom(hex.hashCode());
    for (int i = 0; i < MUTATIONS; i++) {
      boolean unusedVerdict =
          check.test(mutate(seed, rnd)); // either verdict is fine, a throw is not
    }
  }

  private static byte[] mutate(byte[] seed, SplittableRandom rnd) {
    byte[] b = seed.clone();
    switch (rnd.nextInt(4)) {
      case 0 -> b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
      case 1 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
      case 2 -> {
        int at = rnd.nextInt(b.length + 1);
        byte[] c = new byte[b.length + 1];
        System.arraycopy(b, 0, c, 0, at);
        c[at] = (byte) rnd.nextInt(256);
        System.arraycopy(b, at, c, at + 1, b.length - at);
        b = c;
      }
      default -> {
        int at = rnd.nextInt(b.length);
        b[at] = (byte) (rnd.nextBoolean() ? 0xfd + rnd.nextInt(3) : 0);
      }
    }
    return b;
  }
}
