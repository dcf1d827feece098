package dev.bitmsg.node.net.tls;

import dev.bitmsg.node.wire.FrameCodec;
import dev.bitmsg.node.wire.HostEncoding;
import dev.bitmsg.node.wire.Message;
import dev.bitmsg.node.wire.MessageFrameCodec;
import dev.bitmsg.node.wire.NetworkAddress;
import dev.bitmsg.node.wire.Version;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Test-side Bitmessage framing over plain streams: reads exactly one frame at a time (never a byte
 * beyond it, so a socket can be handed to TLS right after the handshake), and an inbox that
 * collects messages from a stream on a daemon thread. Not thread-safe except the inbox queue.
 */
final class Wire {
  private static final int HEADER = 24;

  private Wire() {}

  static byte[] encode(Message m) {
    return MessageFrameCodec.encode(m).toByteArray();
  }

  static void send(OutputStream out, Message m) throws IOException {
    out.write(encode(m));
    out.flush();
  }

  /** Reads exactly one frame (header, then its payload) and decodes it. */
  static Message read(InputStream in) throws IOException {
    byte[] header = in.readNBytes(HEADER);
    if (header.length < HEADER) {
      throw new EOFException("stream ended in a frame header");
    }
    int length = ByteBuffer.wrap(header, 16, 4).getInt();
    if (length < 0 || length > 1_600_003) {
      throw new IOException("bad payload length " + length);
    }
    byte[] payload = in.readNBytes(length);
    if (payload.length < length) {
      throw new EOFException("stream ended in a payload");
    }
    ByteBuffer all = ByteBuffer.allocate(HEADER + length).put(header).put(payload).flip();
    return MessageFrameCodec.decode(FrameCodec.decode(all).orElseThrow());
  }

  static Version version(long services, long nonce) {
    NetworkAddress here =
        new NetworkAddress(services, HostEncoding.encode(InetAddress.getLoopbackAddress()), 8444);
    return Version.of(
        3,
        services,
        Instant.now().getEpochSecond(),
        here,
        here,
        nonce,
        "/tlstest:1.0/",
        List.of(1L));
  }

  /** Messages read from a stream by a daemon thread. */
  static final class Inbox {
    private final BlockingQueue<Message> queue = new LinkedBlockingQueue<>();
    private volatile @Nullable IOException ended;

    Inbox(InputStream in, String name) {
      Thread t =
          new Thread(
              () -> {
                try {
                  while (true) {
                    queue.add(read(in));
                  }
                } catch (IOException e) {
                  ended = e;
                }
              },
              name);
      t.setDaemon(true);
      t.start();
    }

    /** The first message matching {@code wanted} within {@code limit}, skipping others. */
    <T extends Message> T await(Duration limit, Class<T> type, Predicate<T> wanted)
        throws Exception {
      long deadline = System.nanoTime() + limit.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        Message m = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
        if (m == null) {
          throw new AssertionError(
              "no "
                  + type.getSimpleName()
                  + " within "
                  + limit
                  + (ended != null ? " (stream ended: " + ended + ")" : ""));
        }
        if (type.isInstance(m) && wanted.test(type.cast(m))) {
          return type.cast(m);
        }
      }
    }
  }
}
