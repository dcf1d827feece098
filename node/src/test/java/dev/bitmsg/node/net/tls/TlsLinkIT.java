package dev.bitmsg.node.net.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.app.NodeSetup;
import dev.bitmsg.node.crypto.bc.BcTlsContexts;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.PeerInfo;
import dev.bitmsg.node.testing.Await;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.Openssl;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.node.wire.GetData;
import dev.bitmsg.node.wire.Inv;
import dev.bitmsg.node.wire.InventoryVector;
import dev.bitmsg.node.wire.Message;
import dev.bitmsg.node.wire.ObjectMessage;
import dev.bitmsg.node.wire.Ping;
import dev.bitmsg.node.wire.Pong;
import dev.bitmsg.node.wire.VerAck;
import dev.bitmsg.node.wire.Version;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NODE_SSL upgrade end to end on loopback: node to node, node against OpenSSL in each TLS role
 * (a relay drives the plaintext Bitmessage handshake itself, then splices the socket to an {@code
 * openssl s_server}/{@code s_client} process whose stdin/stdout carry framed messages inside TLS),
 * plaintext for peers without NODE_SSL or with TLS switched off, and a failed TLS handshake.
 */
@NetworkTest
class TlsLinkIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final long SSL = Version.NODE_NETWORK | Version.NODE_SSL;

  @TempDir Path tmp;
  private final List<AutoCloseable> closeLater = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closeLater.size() - 1; i >= 0; i--) {
      closeLater.get(i).close();
    }
  }

  private <T extends AutoCloseable> T later(T c) {
    closeLater.add(c);
    return c;
  }

  private Node node(String name, int port, List<HostPort> connect) throws Exception {
    return later(
        TestNetwork.start(
            tmp.resolve(name), port, connect, TestNetwork.settings(), Clock.systemUTC()));
  }

  private Node plaintextNode(String name) throws Exception {
    NodeConfig config = TestNetwork.config(tmp.resolve(name), 0, List.of(), TestNetwork.settings());
    return later(
        NodeAssembly.start(
            NodeSetup.of(config, TestNetwork.params().withTls(false), TestNetwork.RULES)));
  }

  private static ObjectMessage object(long seed) {
    return TestNetwork.maker(seed).make(Clock.systemUTC().instant().getEpochSecond(), 3600, 200);
  }

  private Socket dial(Node node) throws IOException {
    Socket s =
        later(
            new Socket(
                InetAddress.getLoopbackAddress(), node.listenAddress().orElseThrow().getPort()));
    s.setSoTimeout((int) WAIT.toMillis());
    return s;
  }

  @Test
  void advertisesNodeSslUnlessSwitchedOff() {
    assertEquals(SSL, TestNetwork.params().services());
    assertTrue(TestNetwork.params().advertisesTls());
    assertEquals(Version.NODE_NETWORK, TestNetwork.params().withTls(false).services());
  }

  @Test
  void twoNodesSyncInsideTls() throws Exception {
    Node a = node("a", 0, List.of());
    Node b = node("b", TestNetwork.CLIENT_ONLY, List.of(TestNetwork.endpoint(a)));
    Await.until(
        WAIT,
        "both sides established",
        () -> a.peers().peers().size() == 1 && b.peers().peers().size() == 1);
    for (Node n : List.of(a, b)) {
      PeerInfo p = n.peers().peers().get(0);
      assertEquals(Optional.of(BcTlsContexts.CIPHER_SUITE), p.tlsCipherSuite(), p.toString());
    }
    ObjectMessage fromA = object(1);
    ObjectMessage fromB = object(2);
    a.peers().submit(fromA);
    b.peers().submit(fromB);
    Await.until(
        WAIT,
        "objects crossed",
        () ->
            b.inventory().contains(fromA.inventoryVector())
                && a.inventory().contains(fromB.inventoryVector()));
  }

  /** Our node dials; the relay answers the plaintext handshake, then OpenSSL is the TLS server. */
  @Test
  void nodeAsTlsClientTalksToOpensslServer() throws Exception {
    int opensslPort = Openssl.freePort();
    Openssl server = later(Openssl.server(opensslPort, "secp256k1"));
    ServerSocket relay = later(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
    Node b =
        node(
            "b", TestNetwork.CLIENT_ONLY, List.of(new HostPort("127.0.0.1", relay.getLocalPort())));
    ObjectMessage known = object(3);
    b.peers().submit(known);

    Socket fromNode = later(relay.accept());
    fromNode.setSoTimeout((int) WAIT.toMillis());
    InputStream in = fromNode.getInputStream();
    Version theirs = assertInstanceOf(Version.class, Wire.read(in));
    assertEquals(SSL, theirs.services() & SSL, "the node advertises NODE_SSL");
    ByteArrayOutputStream reply = new ByteArrayOutputStream();
    reply.write(Wire.encode(new VerAck()));
    reply.write(Wire.encode(Wire.version(SSL, 0x1111)));
    fromNode.getOutputStream().write(reply.toByteArray());
    assertInstanceOf(VerAck.class, Wire.read(in));
    // Everything after the node's verack is TLS: hand the socket to OpenSSL.
    fromNode.setSoTimeout(0);
    Splice.start(fromNode, later(Openssl.connect(opensslPort)));

    exchangeInsideTls(b, known, server);
  }

  /**
   * The relay dials our node and completes the plaintext handshake; OpenSSL is the TLS client and
   * its ClientHello travels in the same write as the relay's verack.
   */
  @Test
  void nodeAsTlsServerTalksToOpensslClient_clientHelloBehindVerack() throws Exception {
    Node a = node("a", 0, List.of());
    ObjectMessage known = object(4);
    a.peers().submit(known);

    Socket toNode = dial(a);
    InputStream in = toNode.getInputStream();
    Wire.send(toNode.getOutputStream(), Wire.version(SSL, 0x2222));
    boolean verack = false;
    boolean version = false;
    while (!verack || !version) {
      Message m = Wire.read(in);
      verack |= m instanceof VerAck;
      version |= m instanceof Version;
    }
    ServerSocket forOpenssl = later(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
    Openssl client = later(Openssl.client(forOpenssl.getLocalPort(), "secp256k1"));
    Socket tlsSide = later(forOpenssl.accept());
    byte[] buf = new byte[1 << 14];
    int n = tlsSide.getInputStream().read(buf);
    assertTrue(n > 0 && buf[0] == 0x16, "a TLS handshake record from openssl");
    ByteArrayOutputStream oneWrite = new ByteArrayOutputStream();
    oneWrite.write(Wire.encode(new VerAck()));
    oneWrite.write(buf, 0, n);
    toNode.getOutputStream().write(oneWrite.toByteArray());
    toNode.getOutputStream().flush();
    toNode.setSoTimeout(0);
    Splice.start(toNode, tlsSide);

    exchangeInsideTls(a, known, client);
  }

  /** Inside TLS: the node's inv and getdata answer, ping/pong, and an object the node stores. */
  private static void exchangeInsideTls(Node node, ObjectMessage known, Openssl tls)
      throws Exception {
    Wire.Inbox inbox = new Wire.Inbox(tls.stdout(), "openssl-stdout");
    InventoryVector v = known.inventoryVector();
    inbox.await(WAIT, Inv.class, inv -> inv.vectors().contains(v));
    Wire.send(tls.stdin(), new GetData(List.of(v)));
    ObjectMessage served =
        inbox.await(WAIT, ObjectMessage.class, o -> o.inventoryVector().equals(v));
    assertEquals(known, served);
    Wire.send(tls.stdin(), new Ping());
    inbox.await(WAIT, Pong.class, p -> true);
    ObjectMessage pushed = object(5);
    Wire.send(tls.stdin(), pushed);
    Await.until(
        WAIT,
        "the node stored the object sent inside TLS",
        () -> node.inventory().contains(pushed.inventoryVector()));
    assertTrue(node.peers().peers().get(0).tlsCipherSuite().isPresent());
  }

  @Test
  void peerWithoutNodeSslStaysPlaintext() throws Exception {
    Node a = node("a", 0, List.of());
    plaintextPingPong(a, Version.NODE_NETWORK, 0x3333);
  }

  @Test
  void nodeWithTlsOffStaysPlaintextWithNodeSslPeers() throws Exception {
    Node a = plaintextNode("a");
    Version theirs = plaintextPingPong(a, SSL, 0x4444);
    assertEquals(0, theirs.services() & Version.NODE_SSL);
  }

  private Version plaintextPingPong(Node node, long services, long nonce) throws Exception {
    Socket s = dial(node);
    Wire.send(s.getOutputStream(), Wire.version(services, nonce));
    Version theirs = null;
    boolean verack = false;
    while (theirs == null || !verack) {
      Message m = Wire.read(s.getInputStream());
      if (m instanceof Version v) {
        theirs = v;
        Wire.send(s.getOutputStream(), new VerAck());
      }
      verack |= m instanceof VerAck;
    }
    Wire.send(s.getOutputStream(), new Ping());
    while (!(Wire.read(s.getInputStream()) instanceof Pong)) {
      // skip addr/inv
    }
    int port = s.getLocalPort();
    Await.until(WAIT, "registered", () -> peerAt(node, port).isPresent());
    assertEquals(Optional.empty(), peerAt(node, port).get().tlsCipherSuite());
    return theirs;
  }

  private static Optional<PeerInfo> peerAt(Node node, int port) {
    return node.peers().peers().stream().filter(p -> p.remote().getPort() == port).findFirst();
  }

  @Test
  void tlsFailureClosesOnlyThatConnection() throws Exception {
    Node a = node("a", 0, List.of());
    node("b", TestNetwork.CLIENT_ONLY, List.of(TestNetwork.endpoint(a)));
    Await.until(WAIT, "b connected", () -> a.peers().peers().size() == 1);

    // Advertises NODE_SSL, then speaks plaintext instead of starting TLS.
    Socket s = dial(a);
    Wire.send(s.getOutputStream(), Wire.version(SSL, 0x5555));
    boolean verack = false;
    boolean version = false;
    while (!verack || !version) {
      Message m = Wire.read(s.getInputStream());
      verack |= m instanceof VerAck;
      version |= m instanceof Version;
    }
    ByteArrayOutputStream bad = new ByteArrayOutputStream();
    bad.write(Wire.encode(new VerAck()));
    bad.write(Wire.encode(new Ping()));
    s.getOutputStream().write(bad.toByteArray());
    assertTrue(closed(s), "the node closed the connection that failed TLS");

    assertEquals(1, a.peers().peers().size(), "the other connection lives on");
    assertTrue(a.peers().peers().get(0).tlsCipherSuite().isPresent());
    assertEquals(0, a.peers().banList().size(), "a TLS failure is not a ban");
    // The same address may connect again at once.
    plaintextPingPong(a, Version.NODE_NETWORK, 0x6666);
  }

  @Test
  void silentPeerAfterVerack_isClosedByTheTlsHandshakeTimeout() throws Exception {
    Node a =
        later(
            TestNetwork.start(
                tmp.resolve("a"),
                0,
                List.of(),
                TestNetwork.settings()
                    .withTimers(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(5)),
                Clock.systemUTC()));
    Socket s = dial(a);
    Wire.send(s.getOutputStream(), Wire.version(SSL, 0x7777));
    boolean verack = false;
    boolean version = false;
    while (!verack || !version) {
      Message m = Wire.read(s.getInputStream());
      verack |= m instanceof VerAck;
      version |= m instanceof Version;
    }
    Wire.send(s.getOutputStream(), new VerAck());
    // no ClientHello follows
    assertTrue(closed(s), "closed after the TLS handshake timeout");
    assertEquals(0, a.peers().peers().size(), "never registered as a peer");
    assertEquals(0, a.peers().banList().size());
  }

  /**
   * True once the node closed {@code s} (end of stream or a reset) within {@link #WAIT}; false when
   * it is still open then. A read timeout is not a close: {@code s} has {@link #WAIT} as its read
   * timeout, so a node that never closes makes this return false instead of passing for closed.
   */
  private static boolean closed(Socket s) throws IOException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    byte[] buf = new byte[4096];
    while (System.nanoTime() < deadline) {
      try {
        if (s.getInputStream().read(buf) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        return false;
      } catch (SocketException e) {
        return true; // reset by the node
      }
    }
    return false;
  }
}
