package dev.bitmsg.node.crypto.bc;

import dev.bitmsg.node.crypto.TlsEngines;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.BCSSLSocket;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * TLS engines for the Bitmessage link encryption of PROTOCOL.md 3.3: TLS 1.2 with the anonymous
 * suite {@value #CIPHER_SUITE} over the group {@value #GROUP} only, no certificates on either side.
 * The JDK's own provider cannot do this (it has no secp256k1), so the engines come from a private
 * Bouncy Castle JSSE provider instance, with elliptic-curve operations from a private BC provider
 * and the record cipher and MAC from the JDK's providers ({@link EcViaBcHelper}); no provider is
 * registered globally. Callers see JDK types only.
 *
 * <p>The JVM-wide {@code jdk.tls.disabledAlgorithms} security property disables {@code anon} and
 * {@code ECDH} by default and is read once, by the first TLS class that needs it; {@link
 * #allowAnonymousEcdh()} removes exactly those two entries and must run before any TLS use (the
 * node calls it at startup; {@link #create()} calls it too).
 *
 * <p>Thread-safe: the context is immutable after construction and each engine is new.
 */
public final class BcTlsContexts implements TlsEngines {
  /** The only protocol version negotiated. */
  public static final String PROTOCOL = "TLSv1.2";

  /** The only cipher suite (0xC019; OpenSSL name AECDH-AES256-SHA). */
  public static final String CIPHER_SUITE = "TLS_ECDH_anon_WITH_AES_256_CBC_SHA";

  /** The only key exchange group. */
  public static final String GROUP = "secp256k1";

  private static final String DISABLED = "jdk.tls.disabledAlgorithms";

  /**
   * BC's JSSE logs every handshake step through java.util.logging at INFO; held here so the level
   * set on it stays (JUL keeps loggers weakly).
   */
  private static final Logger BC_JSSE_LOG = Logger.getLogger("org.bouncycastle.jsse");

  /**
   * Warns once per JDK policy entry whose syntax BC does not parse (newer JDKs' "usage
   * HandshakeSignature" entries): none concerns the one suite used here.
   */
  private static final Logger BC_CONSTRAINTS_LOG =
      Logger.getLogger("org.bouncycastle.jsse.provider.DisabledAlgorithmConstraints");

  private final SSLContext context;

  private BcTlsContexts(SSLContext context) {
    this.context = context;
  }

  /**
   * Removes {@code anon} and {@code ECDH} from {@code jdk.tls.disabledAlgorithms}, leaving every
   * other entry. Idempotent. Returns the value now in force.
   */
  public static synchronized String allowAnonymousEcdh() {
    String current = Security.getProperty(DISABLED);
    if (current == null) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String entry : current.split(",", -1)) {
      String e = entry.trim();
      String lower = e.toLowerCase(Locale.ROOT);
      if (!e.isEmpty() && !lower.equals("anon") && !lower.equals("ecdh")) {
        kept.add(e);
      }
    }
    String relaxed = String.join(", ", kept);
    if (!relaxed.equals(current)) {
      Security.setProperty(DISABLED, relaxed);
    }
    return relaxed;
  }

  /** Builds the context (relaxing the algorithm policy first). */
  public static BcTlsContexts create() {
    allowAnonymousEcdh();
    if (BC_JSSE_LOG.getLevel() == null) {
      BC_JSSE_LOG.setLevel(Level.WARNING);
    }
    if (BC_CONSTRAINTS_LOG.getLevel() == null) {
      BC_CONSTRAINTS_LOG.setLevel(Level.SEVERE);
    }
    try {
      Provider jsse =
          new BouncyCastleJsseProvider(
              false, EcViaBcHelper.cryptoProvider(new BouncyCastleProvider()));
      KeyStore empty = KeyStore.getInstance("PKCS12");
      empty.load(null, null);
      // BC's JSSE server refuses every handshake without a key manager, even for an anonymous
      // suite: give it one that holds no key.
      KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX", jsse);
      kmf.init(empty, new char[0]);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", jsse);
      tmf.init(empty);
      SSLContext ctx = SSLContext.getInstance(PROTOCOL, jsse);
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
      return new BcTlsContexts(ctx);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up the Bouncy Castle TLS provider", e);
    }
  }

  /**
   * A new engine restricted to {@value #PROTOCOL}, {@value #CIPHER_SUITE} and {@value #GROUP}.
   *
   * @param client true for the side that dialled the TCP connection
   */
  @Override
  public SSLEngine newEngine(boolean client) {
    SSLEngine engine = context.createSSLEngine();
    engine.setUseClientMode(client);
    BCSSLEngine bc = (BCSSLEngine) engine;
    bc.setParameters(restrict(bc.getParameters()));
    return engine;
  }

  /**
   * Layers TLS with the same restrictions over an already connected socket (blocking clients such
   * as tests and benchmarks); closing the returned socket closes {@code plain}. The handshake runs
   * on first use or {@code startHandshake()}.
   *
   * @param client true for the side that dialled the TCP connection
   */
  public SSLSocket layer(Socket plain, boolean client) throws IOException {
    SSLSocket s =
        (SSLSocket)
            context
                .getSocketFactory()
                .createSocket(
                    plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
    s.setUseClientMode(client);
    BCSSLSocket bc = (BCSSLSocket) s;
    bc.setParameters(restrict(bc.getParameters()));
    return s;
  }

  private static BCSSLParameters restrict(BCSSLParameters p) {
    p.setProtocols(new String[] {PROTOCOL});
    p.setCipherSuites(new String[] {CIPHER_SUITE});
    p.setNamedGroups(new String[] {GROUP});
    p.setNeedClientAuth(false);
    p.setWantClientAuth(false);
    p.setEndpointIdentificationAlgorithm(null);
    return p;
  }
}
