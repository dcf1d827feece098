package dev.bitmsg.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd units under {@code deploy/} pass {@code systemd-analyze verify} (no warning at all)
 * against the unpacked archive: their {@code /opt/bitmsg} is pointed at it, so the check also
 * proves that the command they start is there and executable.
 */
class SystemdUnitsIT {
  @Test
  void units_verifyCleanAgainstTheUnpackedArchive(@TempDir Path dir) throws Exception {
    Path analyze = Tools.require("systemd-analyze", "systemd");
    UnpackedDist dist = UnpackedDist.unpack(Files.createDirectories(dir.resolve("opt")));
    Path units = Files.createDirectories(dir.resolve("units"));
    List<Path> copies = new ArrayList<>();
    try (Stream<Path> s = Files.list(UnpackedDist.sourceRoot().resolve("deploy"))) {
      for (Path unit : s.filter(p -> p.toString().endsWith(".service")).sorted().toList()) {
        String text = Files.readString(unit, StandardCharsets.UTF_8);
        assertTrue(text.contains("ExecStart=/opt/bitmsg/bm "), unit + " runs the archive's bm");
        Path copy = units.resolve(unit.getFileName());
        Files.writeString(
            copy, text.replace("/opt/bitmsg/", dist.home() + "/"), StandardCharsets.UTF_8);
        copies.add(copy);
      }
    }
    assertEquals(2, copies.size(), "node and pow-service units: " + copies);
    List<String> cmd = new ArrayList<>(List.of(analyze.toString(), "verify"));
    copies.forEach(c -> cmd.add(c.toString()));
    Tools.Result r = Tools.run(120, cmd);
    assertEquals(0, r.code(), "systemd-analyze verify failed:\n" + r.output());
    assertEquals("", r.output().strip(), "systemd-analyze verify printed warnings");
  }

  @Test
  void powUnit_grantsTheGpuDevicesAndGroups() throws Exception {
    String unit =
        Files.readString(
            UnpackedDist.sourceRoot().resolve("deploy/bitmsg-pow-service.service"),
            StandardCharsets.UTF_8);
    assertTrue(unit.contains("\nSupplementaryGroups=video render\n"), "video and render groups");
    assertTrue(unit.contains("\nDeviceAllow=char-nvidia* rw\n"), "/dev/nvidia*");
    assertTrue(unit.contains("\nDeviceAllow=char-drm rw\n"), "/dev/dri/*");
    assertTrue(!unit.contains("PrivateDevices=true"), "devices stay visible");
  }
}
