package dev.bitmsg.pow.service.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A bare HTTP/2 client over plaintext TCP on loopback that speaks only connection-level frames
 * (SETTINGS, PING, GOAWAY): what a test needs to see how a server treats a connection (pings it
 * tolerates, when it asks the client to go away, whether it pings the client) without a gRPC
 * client's own keepalive rules in the way. It answers the server's SETTINGS, never its PINGs. Not
 * thread-safe.
 */
public final class Http2Probe implements AutoCloseable {
  public static final int SETTINGS = 4;
  public static final int PING = 6;
  public static final int GOAWAY = 7;
  public static final int ACK = 1;

  /** HTTP/2 error code ENHANCE_YOUR_CALM, sent by gRPC servers to clients that ping too often. */
  public static final int ENHANCE_YOUR_CALM = 0xb;

  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  /** One frame read from the server. */
  public record Frame(int type, int flags, int stream, byte[] payload) {
    /** A GOAWAY frame's error code. */
    public int errorCode() {
      return ByteBuffer.wrap(payload, 4, 4).getInt();
    }

    /** A GOAWAY frame's debug data. */
    public String debug() {
      return new String(payload, 8, payload.length - 8, StandardCharsets.US_ASCII);
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  /** Connects to 127.0.0.1:{@code port} and sends the client preface and empty SETTINGS. */
  public Http2Probe(int port) throws IOException {
    socket = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    out.write(PREFACE);
    frame(SETTINGS, 0, new byte[0]);
  }

  /** Sends a PING carrying {@code data}. */
  public void ping(long data) throws IOException {
    frame(PING, 0, ByteBuffer.allocate(8).putLong(data).array());
  }

  /**
   * Sends {@code count} PINGs carrying {@code first}, {@code first + 1}, ... in one write: the
   * server may answer a flood by closing the connection, and a write per ping could then fail
   * before the GOAWAY is read.
   */
  public void pings(long first, int count) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int i = 0; i < count; i++) {
      all.write(frameBytes(PING, 0, ByteBuffer.allocate(8).putLong(first + i).array()));
    }
    out.write(all.toByteArray());
    out.flush();
  }

  private void frame(int type, int flags, byte[] payload) throws IOException {
    out.write(frameBytes(type, flags, payload));
    out.flush();
  }

  private static byte[] frameBytes(int type, int flags, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(9 + payload.length);
    b.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8));
    b.put((byte) payload.length).put((byte) type).put((byte) flags).putInt(0).put(payload);
    return b.array();
  }

  /**
   * Reads frames (answering the server's SETTINGS) until one of {@code type} with {@code flags}
   * arrives, or a GOAWAY, or {@code timeoutMs} pass (empty), or the server closes (a GOAWAY it sent
   * first was returned before).
   */
  public Optional<Frame> await(int type, int flags, long timeoutMs) throws IOException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (true) {
      long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
      if (left <= 0) {
        return Optional.empty();
      }
      socket.setSoTimeout((int) Math.max(1, left));
      Frame f;
      try {
        f = read();
      } catch (SocketTimeoutException e) {
        return Optional.empty();
      }
      if (f.type() == SETTINGS && (f.flags() & ACK) == 0) {
        frame(SETTINGS, ACK, new byte[0]);
      }
      if ((f.type() == type && f.flags() == flags) || f.type() == GOAWAY) {
        return Optional.of(f);
      }
    }
  }

  /** Whether the server closed the connection within {@code timeoutMs}. */
  public boolean closedWithin(long timeoutMs) throws IOException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    try {
      while (System.nanoTime() < end) {
        socket.setSoTimeout(
            (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
        read();
      }
      return false;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (EOFException | SocketException e) {
      return true;
    }
  }

  private Frame read() throws IOException {
    int length = in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
    int type = in.readUnsignedByte();
    int flags = in.readUnsignedByte();
    int stream = in.readInt() & 0x7fffffff;
    byte[] payload = new byte[length];
    in.readFully(payload);
    return new Frame(type, flags, stream, payload);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
