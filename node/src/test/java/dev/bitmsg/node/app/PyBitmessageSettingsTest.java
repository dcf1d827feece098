package dev.bitmsg.node.app;

import static dev.bitmsg.node.app.NodeCommandParser.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.node.events.NotifySettings;
import dev.bitmsg.node.messaging.MessagingSettings;
import dev.bitmsg.pow.Difficulty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyBitmessage's settings as {@code bm node} options and config keys, under their own names and
 * PyBitmessage's: ttl, stopresendingafterxdays/months, maxacceptable* and apinotifypath.
 */
class PyBitmessageSettingsTest {
  @TempDir Path dir;

  private MessagingSettings settings(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--data";
    all[1] = dir.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return parse(Map.of(), all).messagingSettings();
  }

  @Test
  void defaultsAreTheNetworksAndPyBitmessagesApiTtl() {
    MessagingSettings s = settings();
    MessagingSettings d = MessagingSettings.defaults();
    assertEquals(d.defaultTtlSeconds(), s.defaultTtlSeconds());
    assertEquals(4L * 24 * 3600, s.defaultTtlSeconds());
    assertEquals(d.giveUpAfter(), s.giveUpAfter());
    assertEquals(d.maxDifficulty(), s.maxDifficulty());
    assertTrue(
        parse(Map.of(), "--data", dir.toString()).messagingOptions.notifySettings().isEmpty());
  }

  @Test
  void pyBitmessageKeysInTheConfigFile() throws Exception {
    Files.writeString(
        dir.resolve("bitmsg.conf"),
        "ttl = 7200\n"
            + "stopresendingafterxdays = 1\n"
            + "stopresendingafterxmonths = 0.5\n"
            + "maxacceptablenoncetrialsperbyte = 5000\n"
            + "maxacceptablepayloadlengthextrabytes = 3000\n"
            + "apinotifypath = /usr/local/bin/notify-me\n");
    MessagingSettings s = settings();
    assertEquals(7200, s.defaultTtlSeconds());
    assertEquals(
        Duration.ofSeconds(24 * 3600 + (long) (0.5 * MessagingOptions.MONTH_SECONDS)),
        s.giveUpAfter());
    assertEquals(new Difficulty(5000, 3000), s.maxDifficulty());
    NotifySettings n =
        parse(Map.of(), "--data", dir.toString()).messagingOptions.notifySettings().orElseThrow();
    assertEquals("/usr/local/bin/notify-me", n.command());

    // the flags (and our own key names) win
    MessagingSettings f = settings("--default-ttl", "3600", "--stop-resending-after-days", "0");
    assertEquals(3600, f.defaultTtlSeconds());
    assertEquals(
        Duration.ofSeconds((long) (0.5 * MessagingOptions.MONTH_SECONDS)), f.giveUpAfter());
  }

  @Test
  void badValuesAreOneLineErrors() {
    IllegalArgumentException ttl =
        assertThrows(IllegalArgumentException.class, () -> settings("--default-ttl", "60"));
    assertTrue(String.valueOf(ttl.getMessage()).contains("3600"), ttl.getMessage());
    IllegalArgumentException days =
        assertThrows(
            IllegalArgumentException.class, () -> settings("--stop-resending-after-days", "-1"));
    assertTrue(String.valueOf(days.getMessage()).contains("negative"), days.getMessage());
    IllegalArgumentException max =
        assertThrows(
            IllegalArgumentException.class,
            () -> settings("--max-acceptable-nonce-trials-per-byte", "-5"));
    assertTrue(String.valueOf(max.getMessage()).contains("negative"), max.getMessage());
  }
}
