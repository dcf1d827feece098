package dev.bitmsg.node.app;

import dev.bitmsg.node.net.NetworkParams;
import dev.bitmsg.node.wire.FrameCodec;
import dev.bitmsg.node.wire.HostEncoding;
import dev.bitmsg.node.wire.Message;
import dev.bitmsg.node.wire.MessageFrameCodec;
import dev.bitmsg.node.wire.NetworkAddress;
import dev.bitmsg.node.wire.VerAck;
import dev.bitmsg.node.wire.Version;
import dev.bitmsg.node.wire.WireLimits;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One blocking peer connection for the peer-policy load scenarios ({@link PeerLoad}): bound to a
 * chosen loopback address (127.0.0.0/8 all routes to the host, so each scenario's peers can sit on
 * their own addresses), plaintext, speaking whole frames. Not thread-safe.
 */
final class LoadPeer implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private LoadPeer(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** A TCP connection from {@code localIp} to {@code node}; nothing sent yet. */
  static LoadPeer connect(String localIp, InetSocketAddress node) throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(localIp), 0));
      s.connect(node, 10_000);
      s.setSoTimeout(30_000);
      return new LoadPeer(s);
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /**
   * Version/verack as the initiator, advertising {@code listenPort}; returns the node's version.
   */
  Version handshake(int listenPort) throws IOException {
    NetworkAddress here =
        new NetworkAddress(
            Version.NODE_NETWORK,
            HostEncoding.encode(InetAddress.getLoopbackAddress()),
            listenPort);
    send(
        Version.of(
            NetworkParams.PROTOCOL_VERSION,
            Version.NODE_NETWORK,
            Clock.systemUTC().instant().getEpochSecond(),
            here,
            here,
            ThreadLocalRandom.current().nextLong(),
            "/bitmsg-load:1.0/",
            List.of(1L)));
    Version theirs = null;
    boolean verack = false;
    while (theirs == null || !verack) {
      Message m = read();
      if (m instanceof Version v) {
        theirs = v;
        send(new VerAck());
      }
      verack |= m instanceof VerAck;
    }
    return theirs;
  }

  void send(Message m) throws IOException {
    sendRaw(MessageFrameCodec.encode(m).toByteArray());
  }

  void sendRaw(byte[] frame) throws IOException {
    out.write(frame);
    out.flush();
  }

  /** The next message of {@code type} within {@code limit}, skipping others; empty on timeout. */
  <T extends Message> Optional<T> next(Class<T> type, Duration limit) throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      try {
        Message m = read();
        if (type.isInstance(m)) {
          return Optional.of(type.cast(m));
        }
      } catch (SocketTimeoutException e) {
        break;
      } finally {
        socket.setSoTimeout(30_000);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the node still holds the connection open: a read that times out (1 ms) or returns a
   * byte, not end of stream or a reset. For connections the node sends nothing on (half-open).
   */
  boolean isOpen() {
    try {
      socket.setSoTimeout(1);
      return in.read() >= 0;
    } catch (SocketTimeoutException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private Message read() throws IOException {
    byte[] header = in.readNBytes(WireLimits.HEADER_LENGTH);
    if (header.length < WireLimits.HEADER_LENGTH) {
      throw new EOFException("connection closed");
    }
    int length = ByteBuffer.wrap(header, 16, 4).getInt();
    if (length < 0 || length > 2_000_000) {
      throw new IOException("bad payload length " + length);
    }
    byte[] payload = in.readNBytes(length);
    if (payload.length < length) {
      throw new EOFException("connection closed");
    }
    ByteBuffer frame = ByteBuffer.allocate(header.length + length).put(header).put(payload).flip();
    return MessageFrameCodec.decode(
        FrameCodec.decode(frame).orElseThrow(() -> new IOException("incomplete frame")));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
