package dev.bitmsg.node.testing;

import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.wire.Frame;
import dev.bitmsg.node.wire.FrameCodec;
import dev.bitmsg.node.wire.HostEncoding;
import dev.bitmsg.node.wire.Message;
import dev.bitmsg.node.wire.MessageFrameCodec;
import dev.bitmsg.node.wire.NetworkAddress;
import dev.bitmsg.node.wire.VerAck;
import dev.bitmsg.node.wire.Version;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A hand-driven peer on a plain socket, bound to a chosen loopback address (so a ban of it does not
 * hit the other test nodes on 127.0.0.1). Speaks raw bytes or framed messages. Not thread-safe.
 */
public final class RawPeer implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private ByteBuffer buffered = ByteBuffer.allocate(0);

  public RawPeer(String localIp, HostPort node) throws IOException {
    this(localIp, node, 0);
  }

  /**
   * @param receiveBuffer SO_RCVBUF to ask for (0: system default), set before connecting
   */
  public RawPeer(String localIp, HostPort node, int receiveBuffer) throws IOException {
    socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.bind(new InetSocketAddress(InetAddress.getByName(localIp), 0));
    socket.connect(new InetSocketAddress(node.host(), node.port()), 5_000);
    socket.setSoTimeout(200);
    in = socket.getInputStream();
  }

  public void sendRaw(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  public void send(Message m) throws IOException {
    sendRaw(MessageFrameCodec.encode(m).toByteArray());
  }

  public static Version version(
      long nonce, int protocolVersion, long timestamp, List<Long> streams) {
    return version(nonce, protocolVersion, timestamp, streams, 8444);
  }

  /** A version advertising {@code listenPort} as the port this peer listens on. */
  public static Version version(
      long nonce, int protocolVersion, long timestamp, List<Long> streams, int listenPort) {
    NetworkAddress any =
        new NetworkAddress(1, HostEncoding.encode(InetAddress.getLoopbackAddress()), listenPort);
    return Version.of(
        protocolVersion, Version.NODE_NETWORK, timestamp, any, any, nonce, "/raw:1.0/", streams);
  }

  /** Version/verack as the initiator; returns the node's version. */
  public Version handshake() throws IOException {
    return handshake(version(0x5eed, 3, Instant.now().getEpochSecond(), List.of(1L)));
  }

  /** Version/verack as the initiator with {@code ours}; returns the node's version. */
  public Version handshake(Version ours) throws IOException {
    send(ours);
    Version theirs = null;
    boolean verack = false;
    while (theirs == null || !verack) {
      Message m = receive(Duration.ofSeconds(10)).orElseThrow(() -> new IOException("closed"));
      if (m instanceof Version v) {
        theirs = v;
        send(new VerAck());
      } else if (m instanceof VerAck) {
        verack = true;
      }
    }
    return theirs;
  }

  /** The next message within {@code limit}; empty when the node closed the connection. */
  public Optional<Message> receive(Duration limit) throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      Optional<Frame> f = FrameCodec.decode(buffered);
      if (f.isPresent()) {
        return Optional.of(MessageFrameCodec.decode(f.get()));
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("no message within " + limit);
      }
      byte[] chunk = new byte[65536];
      int n;
      try {
        n = in.read(chunk);
      } catch (SocketTimeoutException e) {
        continue;
      } catch (IOException e) {
        return Optional.empty(); // reset by the node
      }
      if (n < 0) {
        return Optional.empty();
      }
      ByteBuffer next = ByteBuffer.allocate(buffered.remaining() + n);
      next.put(buffered).put(chunk, 0, n).flip();
      buffered = next;
    }
  }

  /** True once the node has closed the connection (reads EOF or a reset) within {@code limit}. */
  public boolean closedByNode(Duration limit) throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    byte[] chunk = new byte[65536];
    while (System.nanoTime() < deadline) {
      try {
        if (in.read(chunk) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        // keep waiting
      } catch (IOException e) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
