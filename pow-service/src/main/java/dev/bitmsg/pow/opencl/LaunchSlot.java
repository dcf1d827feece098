package dev.bitmsg.pow.opencl;

import static org.jocl.CL.CL_FALSE;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clEnqueueFillBuffer;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clReleaseEvent;
import static org.jocl.CL.clReleaseMemObject;
import static org.jocl.CL.clSetKernelArg;
import static org.jocl.CL.clWaitForEvents;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Deque;
import java.util.List;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_event;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * The buffers of one {@code pow_search} launch in flight: the job table and the result table on the
 * device, and direct host buffers for them (the transfers are non-blocking, so the host memory must
 * stay put until they are done). A launch enqueues: a fill of the results (hits 0, smallest offset
 * 0xffffffff), a non-blocking write of the job table, the kernel, and a non-blocking read of the
 * results; {@link #finish} waits for that read. A slot is reused only after its previous launch
 * finished. Used under the scanner's lock; buffers are released through the scanner's release list.
 */
final class LaunchSlot {
  static final int JOB_WORDS = 12;
  static final int RES_WORDS = 2;

  /** {@code JOB_PREV} of a job that continues nothing in the previous launch. */
  private static final long NO_PREV = -1L;

  /** hits = 0, smallest offset = 0xffffffff: the fill pattern of one job's results. */
  private static final int[] RESET = {0, -1};

  private final cl_mem jobsMem;
  private final cl_mem resultsMem;
  private final ByteBuffer table;
  private final ByteBuffer results;

  LaunchSlot(cl_context context, int maxJobs, Deque<Runnable> releases) {
    long tableBytes = (long) maxJobs * JOB_WORDS * Sizeof.cl_ulong;
    long resultBytes = (long) maxJobs * RES_WORDS * Sizeof.cl_uint;
    cl_mem jobs = clCreateBuffer(context, CL_MEM_READ_ONLY, tableBytes, null, null);
    releases.push(() -> clReleaseMemObject(jobs));
    cl_mem res = clCreateBuffer(context, CL_MEM_READ_WRITE, resultBytes, null, null);
    releases.push(() -> clReleaseMemObject(res));
    this.jobsMem = jobs;
    this.resultsMem = res;
    this.table = ByteBuffer.allocateDirect((int) tableBytes).order(ByteOrder.nativeOrder());
    this.results = ByteBuffer.allocateDirect((int) resultBytes).order(ByteOrder.nativeOrder());
  }

  cl_mem resultsMem() {
    return resultsMem;
  }

  /**
   * Enqueues the launch of {@code jobs} ({@code previous[j]}: index of the search job {@code j}
   * continues in the launch whose results are {@code previousResults}, or -1). Returns what waits
   * for it.
   */
  LaunchingScanner.Pending enqueue(
      cl_command_queue queue,
      cl_kernel search,
      List<LaunchJob> jobs,
      long[] globalSize,
      long[] localSize,
      cl_mem previousResults,
      int[] previous) {
    int n = jobs.size();
    table.clear();
    for (int j = 0; j < n; j++) {
      LaunchJob job = jobs.get(j);
      for (int w = 0; w < 8; w++) {
        table.putLong(job.hash().word(w));
      }
      table.putLong(job.target());
      table.putLong(job.first());
      table.putLong(job.count());
      table.putLong(previous[j] < 0 ? NO_PREV : previous[j]);
    }
    long resultBytes = (long) n * RES_WORDS * Sizeof.cl_uint;
    clEnqueueFillBuffer(
        queue, resultsMem, Pointer.to(RESET), 2L * Sizeof.cl_uint, 0, resultBytes, 0, null, null);
    clEnqueueWriteBuffer(
        queue,
        jobsMem,
        CL_FALSE,
        0,
        (long) n * JOB_WORDS * Sizeof.cl_ulong,
        Pointer.to(table),
        0,
        null,
        null);
    clSetKernelArg(search, 0, Sizeof.cl_mem, Pointer.to(jobsMem));
    clSetKernelArg(search, 1, Sizeof.cl_mem, Pointer.to(resultsMem));
    clSetKernelArg(search, 2, Sizeof.cl_mem, Pointer.to(previousResults));
    clEnqueueNDRangeKernel(queue, search, 2, null, globalSize, localSize, 0, null, null);
    cl_event read = new cl_event();
    clEnqueueReadBuffer(
        queue, resultsMem, CL_FALSE, 0, resultBytes, Pointer.to(results), 0, null, read);
    return () -> finish(read, n);
  }

  private long[] finish(cl_event read, int n) {
    try {
      clWaitForEvents(1, new cl_event[] {read});
    } finally {
      clReleaseEvent(read);
    }
    long[] offsets = new long[n];
    for (int j = 0; j < n; j++) {
      boolean hit = results.getInt(j * RES_WORDS * Sizeof.cl_uint) != 0;
      int min = results.getInt((j * RES_WORDS + 1) * Sizeof.cl_uint);
      offsets[j] = hit ? Integer.toUnsignedLong(min) : LaunchingScanner.NOT_FOUND;
    }
    return offsets;
  }
}
