package dev.bitmsg.pow.opencl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads OpenCL program sources from the classpath (the {@code pow-kernels} artifact puts them under
 * {@code /kernels/}). Includes are resolved by concatenation: the shared header comes first in the
 * source array given to {@code clCreateProgramWithSource}, because {@code -I} paths cannot point
 * inside a jar. Stateless; thread-safe.
 */
public final class KernelSources {
  /** Header and kernel of the proof-of-work program, in the order OpenCL must see them. */
  public static final List<String> POW_PROGRAM =
      List.of("/kernels/inc_sha512.h", "/kernels/pow_double_sha512.cl");

  private KernelSources() {}

  /** The text of each classpath resource, in order; fails clearly when one is missing. */
  public static String[] load(List<String> resources) {
    List<String> texts = new ArrayList<>(resources.size());
    for (String resource : resources) {
      texts.add(read(resource));
    }
    return texts.toArray(String[]::new);
  }

  static String read(String resource) {
    try (InputStream in = KernelSources.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "OpenCL source " + resource + " is not on the classpath (is pow-kernels missing?)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read OpenCL source " + resource, e);
    }
  }
}
