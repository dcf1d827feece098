package dev.bitmsg.node.app;

import dev.bitmsg.node.crypto.bc.BcTlsContexts;
import dev.bitmsg.node.net.NetworkParams;
import dev.bitmsg.node.wire.FrameCodec;
import dev.bitmsg.node.wire.GetData;
import dev.bitmsg.node.wire.HostEncoding;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.Message;
import dev.bitmsg.node.wire.MessageFrameCodec;
import dev.bitmsg.node.wire.NetworkAddress;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.Ping;
import dev.bitmsg.node.wire.Pong;
import dev.bitmsg.node.wire.VerAck;
import dev.bitmsg.node.wire.Version;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.Random;

/**
 * The blocking client side of {@code bm bench tls}: dials the node, completes version/verack (and
 * the TLS handshake when asked, with the same TLS configuration as the node) on plain sockets, then
 * pings or requests objects by getdata. Not thread-safe: one per bench run.
 */
final class BlockingBenchPeer {
  private final Random random = new Random(7);

  /** Duration of the TLS handshake alone in the last {@link #open}, ns. */
  private long lastTlsPhaseNanos;

  long lastTlsPhaseNanos() {
    return lastTlsPhaseNanos;
  }

  /** One connection: version/verack, TLS if asked, ping/pong. Milliseconds. */
  double handshake(InetSocketAddress addr, boolean useTls, BcTlsContexts tls) throws IOException {
    long t0 = System.nanoTime();
    try (Socket io = open(addr, useTls, tls)) {
      send(io.getOutputStream(), new Ping());
      while (!(read(io.getInputStream()) instanceof Pong)) {
        // the node's addr and inv come first
      }
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  /** Requests every object by getdata on one connection and reads them all. Seconds. */
  double serve(
      InetSocketAddress addr, boolean useTls, BcTlsContexts tls, List<InventoryVector> vectors)
      throws IOException {
    try (Socket io = open(addr, useTls, tls)) {
      long t0 = System.nanoTime();
      for (int i = 0; i < vectors.size(); i += 10_000) {
        send(
            io.getOutputStream(),
            new GetData(vectors.subList(i, Math.min(vectors.size(), i + 10_000))));
      }
      int got = 0;
      while (got < vectors.size()) {
        if (read(io.getInputStream()) instanceof ObjectMessage) {
          got++;
        }
      }
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  /** Connects and completes version/verack (and TLS when asked); the returned socket is ready. */
  private Socket open(InetSocketAddress addr, boolean useTls, BcTlsContexts tls)
      throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(addr, 10_000);
      s.setSoTimeout(30_000);
      long services = Version.NODE_NETWORK | (useTls ? Version.NODE_SSL : 0);
      NetworkAddress here =
          new NetworkAddress(
              services, HostEncoding.encode(InetAddress.getLoopbackAddress()), addr.getPort());
      send(
          s.getOutputStream(),
          Version.of(
              NetworkParams.PROTOCOL_VERSION,
              services,
              Clock.systemUTC().instant().getEpochSecond(),
              here,
              here,
              random.nextLong(),
              "/bitmsg-bench:1.0/",
              List.of(1L)));
      boolean version = false;
      boolean verack = false;
      while (!version || !verack) {
        Message m = read(s.getInputStream());
        if (m instanceof Version v) {
          if (useTls && (v.services() & Version.NODE_SSL) == 0) {
            throw new IOException("the node does not advertise NODE_SSL");
          }
          version = true;
          send(s.getOutputStream(), new VerAck());
        }
        verack |= m instanceof VerAck;
      }
      if (!useTls) {
        return s;
      }
      long t0 = System.nanoTime();
      var ssl = tls.layer(s, true);
      ssl.startHandshake();
      lastTlsPhaseNanos = System.nanoTime() - t0;
      return ssl;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private static void send(OutputStream out, Message m) throws IOException {
    out.write(MessageFrameCodec.encode(m).toByteArray());
    out.flush();
  }

  /** Reads exactly one frame: no byte beyond it, so TLS can take over the socket afterwards. */
  private static Message read(InputStream in) throws IOException {
    byte[] header = in.readNBytes(24);
    if (header.length < 24) {
      throw new EOFException("connection closed");
    }
    int length = ByteBuffer.wrap(header, 16, 4).getInt();
    if (length < 0 || length > 2_000_000) {
      throw new IOException("bad payload length " + length);
    }
    byte[] payload = in.readNBytes(length);
    if (payload.length < length) {
      throw new EOFException("connection closed in a payload");
    }
    ByteBuffer all = ByteBuffer.allocate(24 + length).put(header).put(payload).flip();
    return MessageFrameCodec.decode(FrameCodec.decode(all).orElseThrow());
  }
}
