package dev.bitmsg.node.app;

import static dev.bitmsg.node.app.NodeCommandParser.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.api.ApiSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One loader: flag, then BM_* environment, then the config file, then the built-in default. */
class ConfigDefaultsTest {
  @TempDir Path dir;

  @Test
  void precedenceFlagEnvFileDefault() throws Exception {
    Path conf = dir.resolve("bitmsg.conf");
    Files.writeString(
        conf,
        "api = 127.0.0.1:9000\napi-user = fromfile\napi-password = filepw\nmax-outbound = 3\n");
    NodeCommand fromFile = parse(Map.of(), "--data", dir.toString());
    assertEquals("127.0.0.1:9000", fromFile.api);
    assertEquals("fromfile", fromFile.apiUser);
    assertEquals(3, fromFile.maxOutbound);
    assertEquals(64, fromFile.maxInbound);

    NodeCommand fromEnv =
        parse(Map.of("BM_API_USER", "fromenv", "BM_MAX_INBOUND", "9"), "--data", dir.toString());
    assertEquals("fromenv", fromEnv.apiUser);
    assertEquals(9, fromEnv.maxInbound);
    assertEquals("filepw", fromEnv.apiPassword);

    NodeCommand fromFlag =
        parse(Map.of("BM_API_USER", "fromenv"), "--data", dir.toString(), "--api-user", "flag");
    assertEquals("flag", fromFlag.apiUser);

    Path other = dir.resolve("other.conf");
    Files.writeString(other, "api-user = explicit\n");
    assertEquals("explicit", parse(Map.of(), "--config", other.toString()).apiUser);
    assertEquals("explicit", parse(Map.of("BM_CONFIG", other.toString())).apiUser);
    assertEquals("bitmsg", parse(Map.of(), "--data", dir.resolve("empty").toString()).apiUser);
  }

  @Test
  void apiSettingsFromOptions() throws Exception {
    NodeCommand c =
        parse(Map.of(), "--data", dir.toString(), "--api", "127.0.0.1:0", "--api-variant", "json");
    ApiSettings s = c.apiSettings().orElseThrow();
    assertEquals(ApiSettings.Variant.JSON, s.variant());
    assertEquals(24, s.password().length(), "generated password");
    assertFalse(parse(Map.of(), "--data", dir.toString()).apiSettings().isPresent());
    IllegalArgumentException remote =
        assertThrows(
            IllegalArgumentException.class,
            () -> parse(Map.of(), "--data", dir.toString(), "--api", "0.0.0.0:8442").apiSettings());
    assertTrue(
        String.valueOf(remote.getMessage()).contains("--api-allow-remote"), remote.getMessage());
    assertTrue(
        parse(Map.of(), "--data", dir.toString(), "--api", "0.0.0.0:8442", "--api-allow-remote")
            .apiSettings()
            .orElseThrow()
            .allowRemote());
  }
}
