package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.Frame;
import dev.bitmsg.node.wire.MessageFrameCodec;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Turns checked frames into {@link dev.bitmsg.node.wire.Message} records; a payload that breaks its
 * command's layout raises {@link dev.bitmsg.node.wire.ProtocolException}. Stateless, shared.
 */
@Sharable
final class MessageDecoder extends MessageToMessageDecoder<Frame> {
  static final MessageDecoder INSTANCE = new MessageDecoder();

  private MessageDecoder() {
    super(Frame.class);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
    out.add(MessageFrameCodec.decode(frame));
  }
}
