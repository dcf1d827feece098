package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.web.WebSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bm node --web}: its credentials come from the API, and the exposure rules hold. */
class WebOptionsTest {
  @TempDir Path dir;

  private NodeCommand parse(String... extra) {
    String[] args = new String[extra.length + 3];
    args[0] = "node";
    args[1] = "--data";
    args[2] = dir.toString();
    System.arraycopy(extra, 0, args, 3, extra.length);
    CommandLine cl = new CommandLine(new NodeMain());
    ConfigDefaults defaults = CliSettings.configure(cl, args, Map.of());
    CommandLine.ParseResult parsed = cl.parseArgs(args);
    CliSettings.checkAddresses(parsed, defaults);
    return (NodeCommand) parsed.subcommand().commandSpec().userObject();
  }

  @Test
  void webLogsInWithTheApiCredentials() {
    NodeCommand node =
        parse("--api", "127.0.0.1:8442", "--api-password", "secret", "--web", "127.0.0.1:8443");
    WebSettings web = node.webOptions.settings(node.apiSettings()).orElseThrow();
    assertEquals("127.0.0.1", web.host());
    assertEquals(8443, web.port());
    assertEquals("bitmsg", web.user());
    assertEquals("secret", web.password());
    assertTrue(web.tls().isEmpty());
  }

  @Test
  void webWithoutApiIsRefusedWithAClearMessage() {
    NodeCommand node = parse("--web", "127.0.0.1:8443");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> node.webOptions.settings(node.apiSettings()));
    assertTrue(String.valueOf(e.getMessage()).contains("--web needs --api"), e.getMessage());
  }

  @Test
  void aNonLoopbackWebNeedsTlsOrAProxy() throws Exception {
    NodeCommand plain =
        parse("--api", "127.0.0.1:8442", "--api-password", "pw", "--web", "0.0.0.0:8443");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> plain.webOptions.settings(plain.apiSettings()));
    assertTrue(String.valueOf(e.getMessage()).contains("non-loopback"), e.getMessage());

    Path store = dir.resolve("web.p12");
    Path pw = Files.writeString(dir.resolve("store-pw"), "store\n");
    NodeCommand tls =
        parse(
            "--api",
            "127.0.0.1:8442",
            "--api-password",
            "pw",
            "--web",
            "0.0.0.0:8443",
            "--web-tls-keystore",
            store.toString(),
            "--web-tls-password-file",
            pw.toString());
    WebSettings web = tls.webOptions.settings(tls.apiSettings()).orElseThrow();
    assertEquals(store, web.tls().orElseThrow().keyStore());
    assertEquals("store", web.tls().orElseThrow().password());
  }

  @Test
  void theConfigFileKeyIsWeb() throws Exception {
    Path conf =
        Files.writeString(
            dir.resolve("bitmsg.conf"), "api = 127.0.0.1:8442\nweb = 127.0.0.1:8443\n");
    NodeCommand node = parse("--config", conf.toString(), "--api-password", "pw");
    assertEquals(8443, node.webOptions.settings(node.apiSettings()).orElseThrow().port());
  }
}
