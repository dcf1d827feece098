package dev.bitmsg.pow;

import java.util.ArrayList;
import java.util.List;

/**
 * A proof-of-work engine: accepts jobs and works them, several at once where the hardware allows
 * (all active jobs share one pass over the device). Thread-safe.
 */
public interface PowEngine extends AutoCloseable {
  /** Short stable name used in results and metrics, e.g. {@code cpu}, {@code opencl}. */
  String name();

  /** Starts working on {@code job} and returns at once. */
  PowHandle submit(PowJob job);

  /** Submits several jobs; the engine may work them together in one pass. */
  default List<PowHandle> submitAll(List<PowJob> jobs) {
    List<PowHandle> handles = new ArrayList<>(jobs.size());
    for (PowJob job : jobs) {
      handles.add(submit(job));
    }
    return handles;
  }

  /** Cancels every outstanding job and releases threads and devices. */
  @Override
  void close();
}
