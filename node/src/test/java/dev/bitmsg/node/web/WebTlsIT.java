package dev.bitmsg.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.testing.NetworkTest;
import dev.bitmsg.node.testing.TestNetwork;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web interface over its own TLS ({@code --web-tls-keystore}): a PKCS#12 key made by the JDK's
 * keytool, HTTPS answered, and the session cookie marked {@code Secure}.
 */
@NetworkTest
class WebTlsIT {
  private static final String PASSWORD = "store-pw";

  @TempDir Path dir;

  @Test
  void servesHttpsWithASecureSessionCookie() throws Exception {
    Path store = dir.resolve("web.p12");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "web",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool ran");
    assertEquals(
        0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

    WebSettings web =
        new WebSettings(
            "127.0.0.1", 0, "web", "pw", false, Optional.of(new WebSettings.Tls(store, PASSWORD)));
    try (Node node =
        NodeAssembly.start(TestNetwork.setup(dir.resolve("n"), 0, List.of()).withWeb(web))) {
      String url = node.webUrl().orElseThrow();
      assertTrue(url.startsWith("https://127.0.0.1:"), url);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        trust.load(in, PASSWORD.toCharArray());
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      HttpClient http = HttpClient.newBuilder().sslContext(ctx).build();
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "login")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode());
      HttpResponse<String> login =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Origin", url.substring(0, url.length() - 1))
                  .POST(HttpRequest.BodyPublishers.ofString("user=web&password=pw"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(303, login.statusCode());
      String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
      assertTrue(cookie.contains("; Secure"), cookie);
    }
  }
}
