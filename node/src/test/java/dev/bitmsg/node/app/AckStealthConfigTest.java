package dev.bitmsg.node.app;

import static dev.bitmsg.node.app.NodeCommandParser.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --ack-stealth-level} through the one settings loader, PyBitmessage's key name included.
 */
class AckStealthConfigTest {
  @TempDir Path dir;

  @Test
  void levelFromFlagEnvFileAndPyBitmessageKey() throws Exception {
    assertEquals(
        0, parse(Map.of(), "--data", dir.toString()).messagingSettings().ackStealthLevel());
    assertEquals(
        1,
        parse(Map.of(), "--data", dir.toString(), "--ack-stealth-level", "1")
            .messagingSettings()
            .ackStealthLevel());
    assertEquals(
        2,
        parse(Map.of("BM_ACK_STEALTH_LEVEL", "2"), "--data", dir.toString())
            .messagingSettings()
            .ackStealthLevel());

    Files.writeString(dir.resolve("bitmsg.conf"), "ackstealthlevel = 2\n");
    assertEquals(
        2, parse(Map.of(), "--data", dir.toString()).messagingSettings().ackStealthLevel());
    Files.writeString(dir.resolve("bitmsg.conf"), "ackstealthlevel = 2\nack-stealth-level = 1\n");
    assertEquals(
        1,
        parse(Map.of(), "--data", dir.toString()).messagingSettings().ackStealthLevel(),
        "the option's own name wins over the PyBitmessage name");

    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                parse(Map.of(), "--data", dir.toString(), "--ack-stealth-level", "3")
                    .messagingSettings());
    assertTrue(String.valueOf(bad.getMessage()).contains("0, 1 or 2"), bad.getMessage());
  }
}
