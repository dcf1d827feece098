package dev.bitmsg.node.net;

import dev.bitmsg.node.wire.FrameCodec;
import dev.bitmsg.node.wire.Message;
import dev.bitmsg.node.wire.MessageFrameCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.ByteBuffer;

/** Writes {@link Message} records as framed bytes. Stateless, shared. */
@Sharable
final class MessageEncoder extends MessageToByteEncoder<Message> {
  static final MessageEncoder INSTANCE = new MessageEncoder();

  private MessageEncoder() {
    super(Message.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Message msg, ByteBuf out) {
    var frame = MessageFrameCodec.toFrame(msg);
    ByteBuffer buf = ByteBuffer.allocate(frame.serializedSize());
    FrameCodec.write(frame, buf);
    out.writeBytes(buf.flip());
  }
}
