package dev.bitmsg.node.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bitmsg.node.wire.Message;
import dev.bitmsg.node.wire.ProtocolException;
import dev.bitmsg.node.wire.WireLimits;
import dev.bitmsg.vectors.VectorFile;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Netty decode/encode handlers against the frames of {@code framing.txt}: whole, one byte at a
 * time and split at every offset, re-encoded byte for byte; and the fail-fast rejections.
 */
class PipelineCodecTest {
  static Stream<Arguments> frames() {
    List<Arguments> out = new ArrayList<>();
    for (VectorFile.Block b : VectorFile.read("framing.txt")) {
      for (Map.Entry<String, String> e : b.entries()) {
        if (e.getKey().equals("frame") || e.getKey().endsWith("_frame")) {
          out.add(
              Arguments.of(b.title() + " / " + e.getKey(), HexFormat.of().parseHex(e.getValue())));
        }
      }
    }
    return out.stream();
  }

  private static EmbeddedChannel channel() {
    return new EmbeddedChannel(
        new FrameDecoder(WireLimits.MAX_RECEIVE_PAYLOAD),
        MessageDecoder.INSTANCE,
        MessageEncoder.INSTANCE);
  }

  private static byte[] encode(Message m) {
    EmbeddedChannel ch = new EmbeddedChannel(MessageEncoder.INSTANCE);
    ch.writeOutbound(m);
    ByteBuf buf = ch.readOutbound();
    byte[] bytes = new byte[buf.readableBytes()];
    buf.readBytes(bytes);
    buf.release();
    return bytes;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("frames")
  void vectorFrames_decodeWholeBytewiseAndSplit_andReencodeExactly(String name, byte[] frame) {
    EmbeddedChannel whole = channel();
    whole.writeInbound(Unpooled.wrappedBuffer(frame));
    Message m = whole.readInbound();
    assertArrayEquals(frame, encode(m), name);

    EmbeddedChannel bytewise = channel();
    for (byte b : frame) {
      bytewise.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }
    assertEquals(m, bytewise.readInbound());

    for (int cut = 1; cut < frame.length; cut++) {
      EmbeddedChannel split = channel();
      split.writeInbound(Unpooled.wrappedBuffer(frame, 0, cut));
      assertNull(split.readInbound());
      split.writeInbound(Unpooled.wrappedBuffer(frame, cut, frame.length - cut));
      assertEquals(m, split.readInbound(), name + " cut at " + cut);
    }

    EmbeddedChannel twice = channel();
    byte[] two = new byte[frame.length * 2];
    System.arraycopy(frame, 0, two, 0, frame.length);
    System.arraycopy(frame, 0, two, frame.length, frame.length);
    twice.writeInbound(Unpooled.wrappedBuffer(two));
    assertEquals(m, twice.readInbound());
    assertEquals(m, twice.readInbound());
  }

  @Test
  void oversizeLength_failsOnTheHeaderAlone() {
    byte[] header =
        HexFormat.of().parseHex("e9beb4d96f626a656374000000000000" + "00186aa5" + "00000000");
    EmbeddedChannel ch = channel();
    DecoderException e =
        assertThrows(DecoderException.class, () -> ch.writeInbound(Unpooled.wrappedBuffer(header)));
    assertInstanceOf(ProtocolException.class, e.getCause());
  }

  @Test
  void badMagic_failsOnTheFirstByte_thenDiscards() {
    EmbeddedChannel ch = channel();
    assertThrows(
        DecoderException.class, () -> ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x00})));
    // After the failure the decoder swallows everything (the channel is being closed).
    byte[] verack = HexFormat.of().parseHex("e9beb4d976657261636b00000000000000000000cf83e135");
    assertFalse(ch.writeInbound(Unpooled.wrappedBuffer(verack)));
  }

  @Test
  void badChecksumAndTrailingPayloadBytes_fail() {
    byte[] badSum = HexFormat.of().parseHex("e9beb4d976657261636b00000000000000000000cf83e136");
    assertThrows(
        DecoderException.class, () -> channel().writeInbound(Unpooled.wrappedBuffer(badSum)));
    // A ping carrying one payload byte: the checksum is right, the layout (empty) is not.
    byte[] pingWithByte =
        HexFormat.of().parseHex("e9beb4d970696e67000000000000000000000001b8244d02" + "00");
    DecoderException e =
        assertThrows(
            DecoderException.class,
            () -> channel().writeInbound(Unpooled.wrappedBuffer(pingWithByte)));
    assertInstanceOf(ProtocolException.class, e.getCause());
  }
}
