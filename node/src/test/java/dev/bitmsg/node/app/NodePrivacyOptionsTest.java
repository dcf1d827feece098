package dev.bitmsg.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.net.PrivacySettings;
import dev.bitmsg.node.net.TrafficLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The privacy options of {@code bm node}: what they set, and the combinations refused. */
class NodePrivacyOptionsTest {
  private static final String ONION =
      "pg6mmjiyjmcrsslvykfwnntlaru7p5svn6y2ymmju6nubxndf4pscryd.onion";

  private static NodeConfig config(String... args) {
    NodeCommand cmd = new NodeCommand();
    String[] all = new String[args.length + 2];
    all[0] = "--data";
    all[1] = "/nonexistent-test-dir";
    System.arraycopy(args, 0, all, 2, args.length);
    new CommandLine(cmd).parseArgs(all);
    return cmd.config();
  }

  @Test
  void defaults_direct_dandelionOn_unlimited() {
    NodeConfig c = config();
    PrivacySettings p = c.privacy();
    assertTrue(p.socks5().isEmpty());
    assertTrue(p.dandelion().enabled());
    assertEquals(TrafficLimits.NONE, p.traffic());
    assertEquals(Optional.of(new HostPort("0.0.0.0", 8444)), c.listen());
  }

  @Test
  void socks5_withoutOnionService_listensNowhere_onionService_onLoopback() {
    NodeConfig proxied = config("--socks5", "127.0.0.1:9050", "--connect", ONION + ":8444");
    assertTrue(proxied.clientOnly());
    assertEquals(
        new HostPort("127.0.0.1", 9050), proxied.privacy().socks5().orElseThrow().address());
    NodeConfig service = config("--socks5", "127.0.0.1:9050", "--onion-host", ONION);
    assertEquals(Optional.of(new HostPort("127.0.0.1", 8444)), service.listen());
    assertEquals(ONION, service.privacy().onionHost().orElseThrow().name());
  }

  @Test
  void flags_setDandelionAndLimits() {
    PrivacySettings p =
        config("--no-dandelion", "--max-upload-kbps", "64", "--max-download-kbps", "128").privacy();
    assertFalse(p.dandelion().enabled());
    assertEquals(new TrafficLimits(64 * 1024, 128 * 1024), p.traffic());
  }

  private static String refusal(String... args) {
    return String.valueOf(
        assertThrows(IllegalArgumentException.class, () -> config(args)).getMessage());
  }

  @Test
  void refusedCombinations_nameTheOption() {
    assertTrue(refusal("--onion-only").contains("--socks5"));
    assertTrue(refusal("--connect", ONION + ":8444").contains("--socks5"));
    assertTrue(
        refusal("--socks5", "127.0.0.1:9050", "--onion-only", "--connect", "1.2.3.4:8444")
            .contains("--onion-only"));
    assertTrue(refusal("--socks5", "127.0.0.1:9050", "--socks5-user", "u").contains("password"));
    assertTrue(
        refusal("--socks5", "127.0.0.1:9050", "--onion-host", "example.com").contains(".onion"));
    assertTrue(refusal("--max-download-kbps", "-1").contains("--max-download-kbps"));
  }

  @Test
  void configFileAndEnvironment_pyBitmessageNamesToo(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("bitmsg.conf"),
        "socks5 = 127.0.0.1:9050\nonionhostname = " + ONION + "\nmaxdownloadrate = 32\n");
    NodeConfig c =
        NodeCommandParser.parse(Map.of("BM_MAX_UPLOAD_KBPS", "16"), "--data", dir.toString())
            .config();
    assertEquals(ONION, c.privacy().onionHost().orElseThrow().name());
    assertEquals(new TrafficLimits(16 * 1024, 32 * 1024), c.privacy().traffic());
    assertEquals(Optional.of(new HostPort("127.0.0.1", 8444)), c.listen());
  }
}
