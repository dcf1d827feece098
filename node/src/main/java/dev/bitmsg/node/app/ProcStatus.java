package dev.bitmsg.node.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Memory figures of this process for the benchmarks: {@code /proc/self/status} lines (Linux; RSS is
 * what the kernel holds for the process: Java heap, metaspace, code, thread stacks, direct buffers
 * and SQLite's page cache alike), the Java heap in use, and the JVM's memory options. Stateless.
 */
final class ProcStatus {
  private ProcStatus() {}

  /** A {@code /proc/self/status} size line such as {@code VmRSS} in MiB; -1 where there is none. */
  static double mib(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith(key + ":")) {
          String[] parts = line.substring(key.length() + 1).trim().split("\\s+", -1);
          return Long.parseLong(parts[0]) / 1024.0; // kB
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** Heap in use now (no collection forced: what the process holds at this moment). */
  static double heapUsedMib() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
  }

  /** Heap the JVM has committed (reserved from the OS; RSS holds the touched part of it). */
  static double heapCommittedMib() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1048576.0;
  }

  /** Non-heap memory the JVM has committed: metaspace, code cache, compressed class space. */
  static double nonHeapCommittedMib() {
    return ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getCommitted() / 1048576.0;
  }

  /** The JVM options that bound memory (heap, GC, direct memory, Netty's allocator). */
  static String memoryOptions() {
    List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
    return args.stream()
        .filter(
            a ->
                a.startsWith("-Xm")
                    || a.startsWith("-Xss")
                    || a.contains("GC")
                    || a.contains("Heap")
                    || a.contains("DirectMemory")
                    || a.contains("Metaspace")
                    || a.contains("CodeCache")
                    || a.startsWith("-Dio.netty.allocator"))
        .collect(Collectors.joining(" "));
  }
}
