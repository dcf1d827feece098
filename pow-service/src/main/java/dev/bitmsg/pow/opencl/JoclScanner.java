package dev.bitmsg.pow.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE;
import static org.jocl.CL.CL_KERNEL_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_MEM_WRITE_ONLY;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clGetKernelWorkGroupInfo;
import static org.jocl.CL.clGetProgramBuildInfo;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseContext;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseMemObject;
import static org.jocl.CL.clReleaseProgram;
import static org.jocl.CL.clSetKernelArg;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JOCL {@link dev.bitmsg.pow.NonceScanner} of one OpenCL device: owns its context, queue,
 * program, kernels and buffers and releases them on {@link #close()} (and on a failed start). Runs
 * {@code pow_search} of {@code pow_double_sha512.cl}; {@link #trialValues} runs the
 * differential-test kernel {@code pow_trial_values}. Serialised like {@link LaunchingScanner}.
 */
public final class JoclScanner extends LaunchingScanner {
  private static final Logger log = LoggerFactory.getLogger(JoclScanner.class);
  private static final int JOB_WORDS = 12;
  private static final int RES_WORDS = 2;
  private static final int MAX_TRIAL_VALUES = 1 << 20;

  private final ClDevice device;
  private final Deque<Runnable> releases;
  private final cl_context context;
  private final cl_command_queue queue;
  private final cl_kernel search;
  private final cl_kernel trials;
  private final cl_mem jobsMem;
  private final cl_mem resultsMem;

  /** The OpenCL objects one scanner owns, created in this order and released in reverse. */
  private record Handles(
      cl_context context,
      cl_command_queue queue,
      cl_kernel search,
      cl_kernel trials,
      cl_mem jobsMem,
      cl_mem resultsMem) {}

  private JoclScanner(
      ClDevice device,
      JoclSettings settings,
      int workGroupSize,
      int minGroup,
      Deque<Runnable> releases,
      Handles handles) {
    super(
        "opencl:" + device.label(),
        settings.noncesPerItem(),
        workGroupSize,
        minGroup,
        settings.maxJobsPerLaunch());
    this.device = device;
    this.releases = releases;
    this.context = handles.context();
    this.queue = handles.queue();
    this.search = handles.search();
    this.trials = handles.trials();
    this.jobsMem = handles.jobsMem();
    this.resultsMem = handles.resultsMem();
  }

  /** Opens the device with the proof-of-work program from the classpath. */
  public static JoclScanner open(ClDevice device, JoclSettings settings) {
    return open(device, settings, KernelSources.POW_PROGRAM);
  }

  /**
   * Opens the device with the program made of {@code sources} (classpath resources, concatenated in
   * order), which must define {@code pow_search} and {@code pow_trial_values} with the contract of
   * {@code pow_double_sha512.cl}. Everything created is released if a step fails.
   */
  @SuppressWarnings("deprecation") // clCreateCommandQueue: the OpenCL 1.2 call every driver has
  public static JoclScanner open(ClDevice device, JoclSettings settings, List<String> sources) {
    CL.setExceptionsEnabled(true);
    String[] texts = KernelSources.load(sources);
    Deque<Runnable> releases = new ArrayDeque<>();
    try {
      cl_device_id[] ids = {device.device()};
      cl_context_properties props = new cl_context_properties();
      props.addProperty(CL_CONTEXT_PLATFORM, device.platform());
      cl_context context = clCreateContext(props, 1, ids, null, null, null);
      releases.push(() -> clReleaseContext(context));
      cl_command_queue queue = CL.clCreateCommandQueue(context, device.device(), 0, null);
      releases.push(() -> clReleaseCommandQueue(queue));
      cl_program program = clCreateProgramWithSource(context, texts.length, texts, null, null);
      releases.push(() -> clReleaseProgram(program));
      String options = "-cl-std=CL1.2 -D NONCES_PER_ITEM=" + settings.noncesPerItem();
      try {
        clBuildProgram(program, 1, ids, options, null, null);
      } catch (CLException e) {
        throw new PowException(
            "OpenCL program build failed on "
                + device.label()
                + ": "
                + e.getMessage()
                + "\n"
                + buildLog(program, device.device()),
            e);
      }
      cl_kernel search = clCreateKernel(program, "pow_search", null);
      releases.push(() -> clReleaseKernel(search));
      cl_kernel trials = clCreateKernel(program, "pow_trial_values", null);
      releases.push(() -> clReleaseKernel(trials));
      int wg = workGroupSize(search, device.device(), settings.workGroupSize());
      int minGroup = (int) Math.min(wg, preferredMultiple(search, device.device()));
      int maxJobs = settings.maxJobsPerLaunch();
      cl_mem jobsMem =
          clCreateBuffer(
              context, CL_MEM_READ_ONLY, (long) maxJobs * JOB_WORDS * Sizeof.cl_ulong, null, null);
      releases.push(() -> clReleaseMemObject(jobsMem));
      cl_mem resultsMem =
          clCreateBuffer(
              context, CL_MEM_READ_WRITE, (long) maxJobs * RES_WORDS * Sizeof.cl_uint, null, null);
      releases.push(() -> clReleaseMemObject(resultsMem));
      clSetKernelArg(search, 0, Sizeof.cl_mem, Pointer.to(jobsMem));
      clSetKernelArg(search, 1, Sizeof.cl_mem, Pointer.to(resultsMem));
      log.debug(
          "opencl program built device={} workGroupSize={} noncesPerItem={}",
          device.label(),
          wg,
          settings.noncesPerItem());
      return new JoclScanner(
          device,
          settings,
          wg,
          minGroup,
          releases,
          new Handles(context, queue, search, trials, jobsMem, resultsMem));
    } catch (RuntimeException | Error e) {
      releaseAll(releases);
      throw e;
    }
  }

  /**
   * Work-group size: the setting, else the kernel's limit cut to 256 and to the preferred multiple.
   */
  private static int workGroupSize(cl_kernel kernel, cl_device_id device, int requested) {
    long[] max = new long[1];
    clGetKernelWorkGroupInfo(
        kernel, device, CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(max), null);
    if (requested > 0) {
      if (requested > max[0]) {
        throw new PowException(
            "work-group size " + requested + " exceeds the kernel limit " + max[0]);
      }
      return requested;
    }
    long m = preferredMultiple(kernel, device);
    long size = Math.min(256, max[0]) / m * m;
    return (int) Math.max(1, size == 0 ? Math.min(256, max[0]) : size);
  }

  private static long preferredMultiple(cl_kernel kernel, cl_device_id device) {
    long[] multiple = new long[1];
    clGetKernelWorkGroupInfo(
        kernel,
        device,
        CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE,
        Sizeof.size_t,
        Pointer.to(multiple),
        null);
    return Math.max(1, multiple[0]);
  }

  private static String buildLog(cl_program program, cl_device_id device) {
    try {
      long[] size = new long[1];
      clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
      byte[] buf = new byte[(int) size[0]];
      clGetProgramBuildInfo(
          program, device, CL_PROGRAM_BUILD_LOG, buf.length, Pointer.to(buf), null);
      return new String(buf, StandardCharsets.UTF_8).strip();
    } catch (CLException e) {
      return "(no build log: " + e.getMessage() + ")";
    }
  }

  public ClDevice device() {
    return device;
  }

  @Override
  protected long[] launch(List<LaunchJob> jobs, long itemsPerJob) {
    int n = jobs.size();
    long[] table = new long[n * JOB_WORDS];
    int[] results = new int[n * RES_WORDS];
    for (int j = 0; j < n; j++) {
      LaunchJob job = jobs.get(j);
      int base = j * JOB_WORDS;
      for (int w = 0; w < 8; w++) {
        table[base + w] = job.hash().word(w);
      }
      table[base + 8] = job.target();
      table[base + 9] = job.first();
      table[base + 10] = job.count();
      results[j * RES_WORDS + 1] = -1; // min offset starts at 0xffffffff; hits at 0
    }
    try {
      clEnqueueWriteBuffer(
          queue,
          jobsMem,
          CL_TRUE,
          0,
          (long) table.length * Sizeof.cl_ulong,
          Pointer.to(table),
          0,
          null,
          null);
      clEnqueueWriteBuffer(
          queue,
          resultsMem,
          CL_TRUE,
          0,
          (long) results.length * Sizeof.cl_uint,
          Pointer.to(results),
          0,
          null,
          null);
      clEnqueueNDRangeKernel(
          queue,
          search,
          2,
          null,
          new long[] {itemsPerJob, n},
          new long[] {localSizeFor(itemsPerJob), 1},
          0,
          null,
          null);
      clEnqueueReadBuffer(
          queue,
          resultsMem,
          CL_TRUE,
          0,
          (long) results.length * Sizeof.cl_uint,
          Pointer.to(results),
          0,
          null,
          null);
    } catch (CLException e) {
      throw fail("failed a search launch: " + e.getMessage());
    }
    long[] offsets = new long[n];
    for (int j = 0; j < n; j++) {
      boolean hit = results[j * RES_WORDS] != 0;
      offsets[j] = hit ? Integer.toUnsignedLong(results[j * RES_WORDS + 1]) : NOT_FOUND;
    }
    return offsets;
  }

  /**
   * Trial values of nonces {@code first .. first+count-1} (modulo 2^64) computed by the device's
   * {@code pow_trial_values} kernel; for differential tests and the start-up self-test.
   */
  @Override
  public synchronized long[] trialValues(InitialHash hash, long first, int count) {
    if (count < 1 || count > MAX_TRIAL_VALUES) {
      throw new IllegalArgumentException("count must be 1.." + MAX_TRIAL_VALUES + ": " + count);
    }
    ensureUsable();
    long[] words = new long[8];
    for (int w = 0; w < 8; w++) {
      words[w] = hash.word(w);
    }
    long[] out = new long[count];
    cl_mem in = null;
    cl_mem outMem = null;
    try {
      in =
          clCreateBuffer(
              context,
              CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR,
              8L * Sizeof.cl_ulong,
              Pointer.to(words),
              null);
      outMem =
          clCreateBuffer(context, CL_MEM_WRITE_ONLY, (long) count * Sizeof.cl_ulong, null, null);
      clSetKernelArg(trials, 0, Sizeof.cl_mem, Pointer.to(in));
      clSetKernelArg(trials, 1, Sizeof.cl_ulong, Pointer.to(new long[] {first}));
      clSetKernelArg(trials, 2, Sizeof.cl_uint, Pointer.to(new int[] {count}));
      clSetKernelArg(trials, 3, Sizeof.cl_mem, Pointer.to(outMem));
      // Not a hot path: let the driver pick the local size (its own limit for this kernel).
      clEnqueueNDRangeKernel(queue, trials, 1, null, new long[] {count}, null, 0, null, null);
      clEnqueueReadBuffer(
          queue,
          outMem,
          CL_TRUE,
          0,
          (long) count * Sizeof.cl_ulong,
          Pointer.to(out),
          0,
          null,
          null);
    } finally {
      if (outMem != null) {
        clReleaseMemObject(outMem);
      }
      if (in != null) {
        clReleaseMemObject(in);
      }
    }
    return out;
  }

  @Override
  protected void release() {
    releaseAll(releases);
  }

  private static void releaseAll(Deque<Runnable> releases) {
    while (!releases.isEmpty()) {
      try {
        releases.pop().run();
      } catch (CLException e) {
        log.warn("opencl release failed reason={}", e.getMessage());
      }
    }
  }
}
