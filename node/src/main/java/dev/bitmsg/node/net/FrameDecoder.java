package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.Frame;
import dev.bitmsg.node.wire.FrameCodec;
import dev.bitmsg.node.wire.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Cuts the inbound byte stream into checked {@link Frame}s by delegating to {@link FrameCodec},
 * which fails fast: bad magic, a bad command or an oversize length is reported as soon as the
 * header bytes that show it have arrived, before any payload is buffered. After the first failure
 * the decoder discards everything (the connection is being closed). One instance per channel; not
 * thread-safe (event loop only).
 */
final class FrameDecoder extends ByteToMessageDecoder {
  private final int maxPayload;
  private boolean failed;

  FrameDecoder(int maxPayload) {
    this.maxPayload = maxPayload;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    // A view of the readable bytes; for composite cumulations nioBuffer() may copy, which the
    // default merge cumulator avoids.
    ByteBuffer view = in.nioBuffer(in.readerIndex(), in.readableBytes());
    int before = view.position();
    Optional<Frame> frame;
    try {
      frame = FrameCodec.decode(view, maxPayload);
    } catch (ProtocolException e) {
      failed = true;
      in.skipBytes(in.readableBytes());
      throw e;
    }
    if (frame.isPresent()) {
      in.skipBytes(view.position() - before);
      out.add(frame.get());
    }
  }
}
