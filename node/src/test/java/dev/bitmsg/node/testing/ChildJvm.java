package dev.bitmsg.node.testing;

import dev.bitmsg.pow.CpuKernelChoice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines and processes for the child JVMs of the tests (nodes killed with SIGKILL, the PoW
 * service): this JDK's {@code java}, the Vector API module, and the CPU kernel of this JVM forced,
 * so that a child does not spend 1-8 s measuring both kernels ({@link CpuKernelChoice}) each time
 * it starts. The build forces {@code digest} in the test JVMs themselves (node/pom.xml): it runs at
 * full speed at once, where the SIMD kernel needs seconds of JIT warm-up, longer than the eased
 * searches of a test; run elsewhere (an IDE), this JVM measures once and its children inherit the
 * result.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** {@code java ... -cp CLASS_PATH MAIN ARGS}. */
  public static List<String> command(String classPath, String mainClass, List<String> args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "--add-modules",
                "jdk.incubator.vector",
                "-D" + CpuKernelChoice.PROPERTY + "=" + CpuKernelChoice.get().kernel().label(),
                "-cp",
                classPath,
                mainClass));
    cmd.addAll(args);
    return cmd;
  }

  /** {@code main} with this JVM's class path (the test class path). */
  public static List<String> command(Class<?> main, String... args) {
    return command(System.getProperty("java.class.path"), main.getName(), List.of(args));
  }

  /** Starts {@code main} on the test class path, stdout and stderr together into {@code log}. */
  public static Process start(Path log, Class<?> main, String... args) throws IOException {
    return new ProcessBuilder(command(main, args))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
