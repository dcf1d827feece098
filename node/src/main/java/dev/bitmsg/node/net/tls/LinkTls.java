package dev.bitmsg.node.net.tls;

import dev.bitmsg.node.crypto.TlsEngines;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * Switches an established Bitmessage connection to TLS as the reference node does (PROTOCOL.md
 * 3.3): right after both veracks, the side that dialled becomes the TLS client, the other the TLS
 * server, and every later byte travels inside TLS (TLS 1.2, anonymous ECDH on secp256k1, made by
 * the {@link TlsEngines} the composition root hands in).
 *
 * <p>The switch happens while the frame decoder is delivering the last handshake message, so bytes
 * that arrived behind it in the same read (typically the peer's ClientHello right after its verack)
 * are still in that decoder's buffer. {@link #upgrade} therefore replaces the decoder: removing a
 * Netty {@code ByteToMessageDecoder} hands its buffered bytes to the next handler, where a
 * temporary catcher takes them; a fresh decoder takes its place, the {@link SslHandler} goes to the
 * front of the pipeline and the caught bytes are fed into it. The connection's "established" event
 * is held back until the TLS handshake succeeds; a failed handshake closes that connection only
 * (logged by {@link TlsHandshakeWatcher}).
 *
 * <p>Thread-safe: immutable; {@link #upgrade} must run on the channel's event loop.
 */
public final class LinkTls {
  /** Pipeline name of the TLS handler. */
  public static final String HANDLER = "tls";

  private final TlsEngines engines;
  private final long handshakeTimeoutMillis;

  /** TLS links with engines from {@code engines}; handshakes not done within the timeout fail. */
  public LinkTls(TlsEngines engines, Duration handshakeTimeout) {
    this.engines = engines;
    this.handshakeTimeoutMillis = handshakeTimeout.toMillis();
  }

  /**
   * Upgrades {@code ch} to TLS. Call on the event loop, from within the handling of the last
   * handshake message.
   *
   * @param client true when this side dialled the connection
   * @param decoderName pipeline name of the frame decoder whose buffered bytes must be moved
   * @param freshDecoder the decoder that replaces it and reads the decrypted stream
   * @param established the event fired down the pipeline (from the front) once TLS is up
   * @param before the handler TLS goes in front of: the first of the peer protocol, so that
   *     transport handlers before it (proxy, traffic limits and counters) see the encrypted bytes
   */
  public void upgrade(
      Channel ch,
      boolean client,
      String decoderName,
      ChannelHandler freshDecoder,
      Object established,
      String before) {
    ChannelPipeline p = ch.pipeline();
    Catcher catcher = new Catcher();
    p.addAfter(decoderName, "tls-catch", catcher);
    p.remove(decoderName); // fires the old decoder's buffered bytes into the catcher
    p.replace(catcher, decoderName, freshDecoder);
    SslHandler ssl = new SslHandler(engines.newEngine(client));
    ssl.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
    p.addBefore(before, HANDLER, ssl);
    p.addAfter(HANDLER, TlsHandshakeWatcher.NAME, new TlsHandshakeWatcher(client, established));
    // Fed synchronously, inside the read that delivered the verack, so no later bytes can
    // overtake them; the removed decoder stops decoding once this returns.
    List<Object> caught = catcher.take();
    for (Object m : caught) {
      p.fireChannelRead(m);
    }
    if (!caught.isEmpty()) {
      p.fireChannelReadComplete();
    }
  }

  /** Cipher suite of a channel's TLS session; empty when the channel is not (yet) encrypted. */
  public static Optional<String> cipherSuite(Channel ch) {
    SslHandler ssl = ch.pipeline().get(SslHandler.class);
    if (ssl == null || !ssl.handshakeFuture().isSuccess()) {
      return Optional.empty();
    }
    SSLSession s = ssl.engine().getSession();
    return Optional.of(s.getCipherSuite());
  }

  /** Collects what the removed decoder hands over; lives only during {@link #upgrade}. */
  private static final class Catcher extends ChannelInboundHandlerAdapter {
    private final List<Object> caught = new ArrayList<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      caught.add(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      // swallowed: a read-complete is fired after the caught bytes are re-fired
    }

    List<Object> take() {
      List<Object> out = new ArrayList<>(caught);
      caught.clear();
      return out;
    }
  }
}
