package dev.bitmsg.node.app;

import dev.bitmsg.node.rpc.Json;
import dev.bitmsg.node.wire.BroadcastV4;
import dev.bitmsg.node.wire.BroadcastV5;
import dev.bitmsg.node.wire.Bytes;
import dev.bitmsg.node.wire.GetPubkey;
import dev.bitmsg.node.wire.MsgPayload;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.ObjectPayload;
import dev.bitmsg.node.wire.ObjectPayloads;
import dev.bitmsg.node.wire.ObjectType;
import dev.bitmsg.node.wire.OpaquePayload;
import dev.bitmsg.node.wire.ProtocolException;
import dev.bitmsg.node.wire.PubkeyBody;
import dev.bitmsg.node.wire.PubkeyV2;
import dev.bitmsg.node.wire.PubkeyV3;
import dev.bitmsg.node.wire.PubkeyV4;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bm object ...}: inspect Bitmessage objects. */
@Command(
    name = "object",
    mixinStandardHelpOptions = true,
    description = "Inspect Bitmessage objects",
    subcommands = {ObjectCommand.Decode.class})
public final class ObjectCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code bm object decode --hex HEX [--json]}: prints an object's header, inventory vector and,
   * where it is public, its content. Exit code 1 on input that is not a valid object.
   */
  @Command(
      name = "decode",
      mixinStandardHelpOptions = true,
      description = "Decode an object (nonce through payload, as hex) and show its public content")
  public static final class Decode implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--hex", required = true, description = "the object bytes, hex (nonce first)")
    String hex;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Bytes raw;
      try {
        String clean = hex.strip().replaceAll("\\s+", "");
        if (clean.startsWith("0x") || clean.startsWith("0X")) {
          clean = clean.substring(2);
        }
        raw = Bytes.fromHex(clean);
      } catch (IllegalArgumentException e) {
        err.println("bm object decode: --hex is not valid hex: " + e.getMessage());
        return 1;
      }
      ObjectMessage object;
      try {
        object = ObjectMessage.of(raw);
      } catch (ProtocolException e) {
        err.println("bm object decode: not an object: " + e.getMessage());
        return 1;
      }
      Map<String, Object> fields = header(object);
      int rc = 0;
      try {
        fields.put("content", content(ObjectPayloads.parse(object)));
      } catch (ProtocolException e) {
        fields.put("content", Map.of("error", e.getMessage()));
        err.println(
            "bm object decode: malformed "
                + ObjectType.name(object.objectType())
                + " payload: "
                + e.getMessage());
        rc = 1;
      }
      out.println(json ? Json.write(jsonForm(fields)) : Text.write(fields));
      out.flush();
      return rc;
    }

    private static Map<String, Object> header(ObjectMessage o) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("nonce", String.format(Locale.ROOT, "%016x", o.nonce()));
      m.put("expiresTime", Unsigned.of(o.expiresTime()));
      if (o.expiresTime() >= 0 && o.expiresTime() < 253402300800L) {
        m.put("expires", Instant.ofEpochSecond(o.expiresTime()).toString());
      }
      m.put("objectType", Unsigned.of(o.objectType()));
      m.put("typeName", ObjectType.name(o.objectType()));
      m.put("version", Unsigned.of(o.version()));
      m.put("stream", Unsigned.of(o.stream()));
      m.put("length", Unsigned.of(o.length()));
      m.put("payloadLength", Unsigned.of(o.payloadLength()));
      m.put("inventoryVector", o.inventoryVector().toHex());
      return m;
    }

    private static Map<String, Object> content(ObjectPayload view) {
      Map<String, Object> m = new LinkedHashMap<>();
      if (view instanceof GetPubkey g) {
        m.put(g.isTag() ? "tag" : "ripe", g.ripeOrTag().toHex());
      } else if (view instanceof PubkeyV2 p) {
        keys(m, p.behaviorBitfield(), p.signingKey(), p.encryptionKey());
      } else if (view instanceof PubkeyV3 p) {
        PubkeyBody b = p.body();
        keys(m, b.behaviorBitfield(), b.signingKey(), b.encryptionKey());
        m.put("nonceTrialsPerByte", Unsigned.of(b.difficulty().nonceTrialsPerByte()));
        m.put("extraBytes", Unsigned.of(b.difficulty().payloadLengthExtraBytes()));
        m.put("signature", b.signature().toHex());
      } else if (view instanceof PubkeyV4 p) {
        m.put("tag", p.tag().toHex());
        m.put("encryptedLength", Unsigned.of(p.encrypted().length()));
      } else if (view instanceof MsgPayload p) {
        m.put("encryptedLength", Unsigned.of(p.encrypted().length()));
      } else if (view instanceof BroadcastV4 p) {
        m.put("encryptedLength", Unsigned.of(p.encrypted().length()));
      } else if (view instanceof BroadcastV5 p) {
        m.put("tag", p.tag().toHex());
        m.put("encryptedLength", Unsigned.of(p.encrypted().length()));
      } else if (view instanceof OpaquePayload p) {
        m.put("payload", p.bytes().toHex());
      }
      return m;
    }

    private static void keys(Map<String, Object> m, int bitfield, Bytes sig, Bytes enc) {
      m.put("behaviorBitfield", String.format(Locale.ROOT, "%08x", bitfield));
      m.put("doesAck", (bitfield & 1) != 0);
      m.put("publicSigningKey", "04" + sig.toHex());
      m.put("publicEncryptionKey", "04" + enc.toHex());
    }
  }

  /** An unsigned 64-bit number for output. */
  record Unsigned(long value) {
    static Unsigned of(long value) {
      return new Unsigned(value);
    }

    BigInteger toBigInteger() {
      return new BigInteger(Long.toUnsignedString(value));
    }

    @Override
    public String toString() {
      return Long.toUnsignedString(value);
    }
  }

  /**
   * The fields as JSON takes them: unsigned numbers as numbers, nested maps kept, anything else as
   * its text.
   */
  static Object jsonForm(Object v) {
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, x) -> out.put(k.toString(), jsonForm(x)));
      return out;
    }
    if (v instanceof Unsigned u) {
      return u.toBigInteger();
    }
    if (v instanceof Boolean) {
      return v;
    }
    return String.valueOf(v);
  }

  /** Aligned "key value" lines; nested maps are indented. */
  static final class Text {
    private Text() {}

    static String write(Map<String, Object> fields) {
      StringBuilder sb = new StringBuilder();
      append(sb, fields, "");
      return sb.toString().stripTrailing();
    }

    private static void append(StringBuilder sb, Map<?, ?> map, String indent) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (e.getValue() instanceof Map<?, ?> nested) {
          sb.append(indent).append(e.getKey()).append(":\n");
          append(sb, nested, indent + "  ");
        } else {
          String key = String.format(Locale.ROOT, "%-" + (22 - indent.length()) + "s", e.getKey());
          sb.append(indent).append(key).append(e.getValue()).append('\n');
        }
      }
    }
  }
}
