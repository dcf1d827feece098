package dev.bitmsg.node.testing;

import dev.bitmsg.node.net.HostPort;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small SOCKS5 server (RFC 1928, CONNECT only; no authentication or username/password, RFC 1929)
 * on a loopback address for the proxy tests. It records every CONNECT request (address type, host,
 * port, credentials) and connects only to what it is told: names (onion or DNS) mapped with {@link
 * #map} to loopback listeners, and loopback literals; anything else is refused with "host
 * unreachable", so a node under test never reaches a public address through it. It connects from
 * its own address, so the node behind it sees the proxy's address, as behind Tor. One thread per
 * direction of each connection; closing the server closes everything.
 */
public final class Socks5Server implements AutoCloseable {
  /** The SOCKS5 address type of a request. */
  public enum AddressType {
    IPV4,
    DOMAIN,
    IPV6
  }

  /** One CONNECT request as the client sent it. */
  public record Request(
      AddressType type, String host, int port, Optional<String> user, Optional<String> password) {
    public HostPort target() {
      return new HostPort(host, port);
    }
  }

  private final ServerSocket server;
  private final Map<String, HostPort> names = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  /** Listens on {@code bindIp} with an ephemeral port. */
  public Socks5Server(String bindIp) throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(bindIp, 0));
    acceptor = new Thread(this::acceptLoop, "socks5-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public HostPort endpoint() {
    return new HostPort(server.getInetAddress().getHostAddress(), server.getLocalPort());
  }

  /** Lets the proxy reach {@code name} (e.g. {@code xyz.onion}) at the loopback {@code target}. */
  public Socks5Server map(String name, HostPort target) {
    names.put(name.toLowerCase(java.util.Locale.ROOT), target);
    return this;
  }

  /** Every CONNECT request so far, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        open.add(s);
        Thread t = new Thread(() -> serve(s), "socks5-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try {
      DataInputStream in = new DataInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();
      if (in.readUnsignedByte() != 5) {
        client.close();
        return;
      }
      int methods = in.readUnsignedByte();
      byte[] offered = in.readNBytes(methods);
      boolean userPass = false;
      for (byte m : offered) {
        userPass |= m == 2;
      }
      Optional<String> user = Optional.empty();
      Optional<String> password = Optional.empty();
      if (userPass) {
        out.write(new byte[] {5, 2});
        out.flush();
        in.readUnsignedByte(); // sub-negotiation version 1
        user = Optional.of(readString(in, in.readUnsignedByte()));
        password = Optional.of(readString(in, in.readUnsignedByte()));
        out.write(new byte[] {1, 0});
      } else {
        out.write(new byte[] {5, 0});
      }
      out.flush();
      in.readUnsignedByte(); // version
      int cmd = in.readUnsignedByte();
      in.readUnsignedByte(); // reserved
      int atyp = in.readUnsignedByte();
      AddressType type;
      String host;
      if (atyp == 1) {
        type = AddressType.IPV4;
        host = InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
      } else if (atyp == 3) {
        type = AddressType.DOMAIN;
        host = readString(in, in.readUnsignedByte());
      } else {
        type = AddressType.IPV6;
        host = InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
      }
      int port = in.readUnsignedShort();
      requests.add(new Request(type, host, port, user, password));
      Optional<HostPort> to = route(type, host, port);
      if (cmd != 1 || to.isEmpty()) {
        out.write(new byte[] {5, 4, 0, 1, 0, 0, 0, 0, 0, 0}); // host unreachable
        out.flush();
        client.close();
        return;
      }
      Socket upstream = new Socket();
      open.add(upstream);
      try {
        // From the proxy's own address, so a node behind it sees the proxy, as with Tor.
        upstream.bind(new InetSocketAddress(server.getInetAddress(), 0));
        upstream.connect(new InetSocketAddress(to.get().host(), to.get().port()), 5000);
      } catch (IOException e) {
        out.write(new byte[] {5, 5, 0, 1, 0, 0, 0, 0, 0, 0}); // connection refused
        out.flush();
        client.close();
        return;
      }
      out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
      out.flush();
      Thread back = new Thread(() -> pipe(upstream, client), "socks5-back");
      back.setDaemon(true);
      back.start();
      pipe(client, upstream);
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  /** Where a request goes: a mapped name, a loopback literal, or nowhere. */
  private Optional<HostPort> route(AddressType type, String host, int port) throws IOException {
    if (type == AddressType.DOMAIN) {
      return Optional.ofNullable(names.get(host.toLowerCase(java.util.Locale.ROOT)));
    }
    return InetAddress.getByName(host).isLoopbackAddress()
        ? Optional.of(new HostPort(host, port))
        : Optional.empty();
  }

  private static String readString(DataInputStream in, int length) throws IOException {
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static void pipe(Socket from, Socket to) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // one side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      closeQuietly(s);
    }
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
