package dev.bitmsg.pow.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out, after a job found no usable replica, whether the reason is a transport mismatch that
 * gRPC only reports as a closed connection: a plaintext client at a TLS service, a TLS client at a
 * plaintext service, or a certificate the client does not trust. It speaks to the first few
 * addresses directly: a TLS handshake (the system trust store; a certificate failure or a TLS alert
 * still proves the service speaks TLS), else the HTTP/2 preface in clear (a SETTINGS frame back
 * proves plaintext HTTP/2). Sends no request and no token. Stateless apart from its settings;
 * thread-safe.
 */
final class TransportCheck {
  private static final Logger log = LoggerFactory.getLogger(TransportCheck.class);
  private static final int TIMEOUT_MS = 1000;
  private static final int MAX_ADDRESSES = 3;
  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EMPTY_SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};

  /** What an address speaks. */
  enum Spoken {
    TLS,
    TLS_UNTRUSTED,
    PLAINTEXT_HTTP2,
    OTHER,
    SILENT,
    UNREACHABLE
  }

  private final ClientSettings settings;

  TransportCheck(ClientSettings settings) {
    this.settings = settings;
  }

  /** A one-line explanation when the service and this client disagree on TLS; logged at ERROR. */
  Optional<String> explain() {
    Transport t = settings.transport();
    for (Probe p : probeAll()) {
      String problem = null;
      if (t instanceof Transport.Plaintext
          && (p.spoken == Spoken.TLS || p.spoken == Spoken.TLS_UNTRUSTED)) {
        problem =
            "the service at "
                + p.where
                + " speaks TLS but this client is set to plaintext: give --pow-ca FILE (its"
                + " certificate, when self-signed) or --pow-tls";
      } else if (t instanceof Transport.Tls && p.spoken == Spoken.PLAINTEXT_HTTP2) {
        problem =
            "the service at "
                + p.where
                + " speaks plaintext but this client is set to TLS: serve TLS (--tls-cert,"
                + " --tls-key) or give --pow-plaintext on a trusted link";
      } else if (t instanceof Transport.Tls tls
          && tls.ca().isEmpty()
          && p.spoken == Spoken.TLS_UNTRUSTED) {
        problem =
            "the certificate of the service at "
                + p.where
                + " is not trusted ("
                + p.detail
                + "): give --pow-ca FILE with its certificate or CA";
      }
      if (problem != null) {
        log.error("pow service transport mismatch service={} problem={}", p.where, problem);
        return Optional.of(problem);
      }
    }
    return Optional.empty();
  }

  private List<Probe> probeAll() {
    List<Probe> out = new ArrayList<>();
    for (ServiceTarget t : settings.targets()) {
      InetAddress[] all;
      try {
        all = InetAddress.getAllByName(t.host());
      } catch (IOException e) {
        continue;
      }
      for (InetAddress a : all) {
        if (out.size() >= MAX_ADDRESSES) {
          return out;
        }
        out.add(probe(new InetSocketAddress(a, t.port()), t));
      }
    }
    return out;
  }

  /** One address's answer and a detail for the message. Immutable. */
  record Probe(String where, Spoken spoken, String detail) {}

  static Probe probe(InetSocketAddress address, ServiceTarget target) {
    String where = target.toString();
    Spoken tls;
    String detail = "";
    try {
      tls = tlsHandshake(address, target.host());
    } catch (SSLHandshakeException e) {
      boolean answeredInTls =
          certificateProblem(e) || String.valueOf(e.getMessage()).contains("fatal alert");
      tls = answeredInTls ? Spoken.TLS_UNTRUSTED : Spoken.OTHER;
      detail = firstPart(String.valueOf(e.getMessage()));
    } catch (SSLException e) {
      tls = Spoken.OTHER; // not a TLS record: the service speaks something else
      detail = String.valueOf(e.getMessage());
    } catch (SocketTimeoutException e) {
      return new Probe(where, Spoken.SILENT, "no answer in " + TIMEOUT_MS + " ms");
    } catch (IOException | GeneralSecurityException e) {
      return new Probe(where, Spoken.UNREACHABLE, String.valueOf(e.getMessage()));
    }
    if (tls != Spoken.OTHER) {
      return new Probe(where, tls, detail);
    }
    return new Probe(
        where, plaintextHttp2(address) ? Spoken.PLAINTEXT_HTTP2 : Spoken.OTHER, detail);
  }

  private static Spoken tlsHandshake(InetSocketAddress address, String host)
      throws IOException, GeneralSecurityException {
    try (Socket raw = new Socket()) {
      raw.connect(address, TIMEOUT_MS);
      raw.setSoTimeout(TIMEOUT_MS);
      SSLContext context = SSLContext.getDefault();
      try (SSLSocket ssl =
          (SSLSocket)
              context.getSocketFactory().createSocket(raw, host, address.getPort(), false)) {
        ssl.startHandshake();
        return Spoken.TLS;
      }
    }
  }

  private static boolean plaintextHttp2(InetSocketAddress address) {
    try (Socket s = new Socket()) {
      s.connect(address, TIMEOUT_MS);
      s.setSoTimeout(TIMEOUT_MS);
      OutputStream out = s.getOutputStream();
      out.write(PREFACE);
      out.write(EMPTY_SETTINGS);
      out.flush();
      InputStream in = s.getInputStream();
      byte[] header = in.readNBytes(9);
      return header.length == 9 && header[3] == 4; // frame type 4: SETTINGS
    } catch (IOException e) {
      return false;
    }
  }

  /** "PKIX path building failed" of "PKIX path building failed: sun.security...: ...". */
  private static String firstPart(String message) {
    int colon = message.indexOf(": ");
    return colon < 0 ? message : message.substring(0, colon);
  }

  private static boolean certificateProblem(Throwable e) {
    for (@Nullable Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof CertificateException
          || c.getClass().getName().contains("CertPath")
          || c.getClass().getName().contains("ValidatorException")) {
        return true;
      }
    }
    return false;
  }
}
