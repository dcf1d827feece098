package dev.bitmsg.pow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A one-line description of this machine's CPU (vendor, model name, family, model, stepping and the
 * vector flags) for keying measurements, read from {@code /proc/cpuinfo} where there is one, else
 * from the OS architecture and {@code PROCESSOR_IDENTIFIER}. Stateless.
 */
final class CpuModel {
  private static final List<String> FIELDS =
      List.of("vendor_id", "model name", "cpu family", "model", "stepping");

  private CpuModel() {}

  static String name() {
    Path info = Path.of("/proc/cpuinfo");
    if (Files.isReadable(info)) {
      try {
        return fromCpuinfo(Files.readAllLines(info, StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException e) {
        // fall through to the portable description
      }
    }
    String id = System.getenv("PROCESSOR_IDENTIFIER");
    return System.getProperty("os.arch") + (id == null ? "" : " " + id);
  }

  /** The first processor's fields from the lines of {@code /proc/cpuinfo}. */
  static String fromCpuinfo(List<String> lines) {
    Map<String, String> found = new LinkedHashMap<>();
    String flags = "";
    for (String line : lines) {
      if (line.isBlank() && !found.isEmpty()) {
        break; // end of the first processor
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String k = line.substring(0, colon).strip();
      String v = line.substring(colon + 1).strip();
      if (FIELDS.contains(k)) {
        found.putIfAbsent(k, v);
      } else if (k.equals("flags") || k.equals("Features")) {
        StringBuilder b = new StringBuilder();
        for (String f : v.split(" ", -1)) {
          if (f.startsWith("avx")
              || f.startsWith("sse")
              || f.startsWith("sve")
              || f.equals("asimd")) {
            b.append(b.length() == 0 ? "" : " ").append(f);
          }
        }
        flags = b.toString();
      }
    }
    StringBuilder out = new StringBuilder();
    found.forEach(
        (k, v) -> out.append(out.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return out + (flags.isEmpty() ? "" : ", flags=" + flags);
  }
}
