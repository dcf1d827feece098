package dev.bitmsg.pow.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_KERNEL_LOCAL_MEM_SIZE;
import static org.jocl.CL.CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE;
import static org.jocl.CL.CL_KERNEL_PRIVATE_MEM_SIZE;
import static org.jocl.CL.CL_KERNEL_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_MEM_READ_ONLY;
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
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
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
 * {@code pow_search} of {@code pow_double_sha512.cl} with two launches in flight ({@link
 * LaunchSlot}: result resets by fill, non-blocking job-table writes and result reads); {@link
 * #trialValues} runs the differential-test kernel {@code pow_trial_values}. The compiler's report
 * on the search kernel (registers and spills on NVIDIA) is {@link #buildInfo()}. Serialised like
 * {@link LaunchingScanner}.
 */
public final class JoclScanner extends LaunchingScanner {
  private static final Logger log = LoggerFactory.getLogger(JoclScanner.class);
  private static final int MAX_TRIAL_VALUES = 1 << 20;

  /** The device objects of an open scanner, released in reverse order of creation. */
  private record Handles(
      Deque<Runnable> releases,
      cl_context context,
      cl_command_queue queue,
      cl_kernel search,
      cl_kernel trials,
      List<LaunchSlot> slots) {}

  /** How the search kernel is launched on this device. */
  private record Shape(int workGroupSize, int minGroup, int residentGroups) {}

  private final ClDevice device;
  private final Handles h;
  private final KernelBuildInfo buildInfo;
  private int nextSlot;

  private JoclScanner(
      ClDevice device, JoclSettings settings, Shape shape, Handles h, KernelBuildInfo info) {
    super(
        "opencl:" + device.label(),
        settings.noncesPerItem(),
        shape.workGroupSize(),
        shape.minGroup(),
        settings.maxJobsPerLaunch(),
        shape.residentGroups());
    this.device = device;
    this.h = h;
    this.buildInfo = info;
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
      String options = buildOptions(device, settings);
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
      KernelBuildInfo info =
          KernelBuildInfo.fromLog(
              "pow_search",
              buildLog(program, device.device()),
              kernelLong(search, device.device(), CL_KERNEL_PRIVATE_MEM_SIZE),
              kernelLong(search, device.device(), CL_KERNEL_LOCAL_MEM_SIZE));
      int wg = workGroupSize(search, device.device(), settings.workGroupSize());
      int minGroup = (int) Math.min(wg, preferredMultiple(search, device.device()));
      int perUnit = groupsPerUnit(device, settings, info, wg);
      Shape shape = new Shape(wg, minGroup, Math.max(1, device.about().computeUnits()) * perUnit);
      List<LaunchSlot> slots =
          List.of(
              new LaunchSlot(context, settings.maxJobsPerLaunch(), releases),
              new LaunchSlot(context, settings.maxJobsPerLaunch(), releases));
      log.info(
          "opencl kernel built device={} options={} workGroupSize={} residentGroups={} {}",
          device.label(),
          options,
          wg,
          shape.residentGroups(),
          info.summary());
      if (!info.buildLog().isEmpty()) {
        log.debug("opencl build log device={} log={}", device.label(), info.buildLog());
      }
      return new JoclScanner(
          device,
          settings,
          shape,
          new Handles(releases, context, queue, search, trials, slots),
          info);
    } catch (RuntimeException | Error e) {
      releaseAll(releases);
      throw e;
    }
  }

  /**
   * {@code -cl-std=CL1.2}, the nonces per item, and {@code -cl-nv-verbose} on NVIDIA (its build log
   * then reports registers and spills per kernel; other drivers reject or ignore the option).
   */
  static String buildOptions(ClDevice device, JoclSettings settings) {
    String options = "-cl-std=CL1.2 -D NONCES_PER_ITEM=" + settings.noncesPerItem();
    if (device.platformName().toUpperCase(Locale.ROOT).contains("NVIDIA")) {
      options += " -cl-nv-verbose";
    }
    return options;
  }

  /**
   * Work-groups one compute unit runs at once: the setting, else on NVIDIA GPUs what the reported
   * register use allows, else 1 (CPU devices run one group per core at a time).
   */
  private static int groupsPerUnit(
      ClDevice device, JoclSettings settings, KernelBuildInfo info, int workGroupSize) {
    if (settings.groupsPerUnit() > 0) {
      return settings.groupsPerUnit();
    }
    return device.about().gpu() ? info.nvidiaGroupsPerUnit(workGroupSize) : 1;
  }

  private static long kernelLong(cl_kernel kernel, cl_device_id device, int param) {
    try {
      long[] v = new long[1];
      clGetKernelWorkGroupInfo(kernel, device, param, Sizeof.cl_ulong, Pointer.to(v), null);
      return v[0];
    } catch (CLException e) {
      return -1;
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

  /** The compiler's report on {@code pow_search} on this device. */
  public KernelBuildInfo buildInfo() {
    return buildInfo;
  }

  @Override
  protected int maxInFlight() {
    return 2;
  }

  @Override
  protected long[] launch(List<LaunchJob> jobs, long itemsPerJob) {
    return enqueue(jobs, itemsPerJob, noPrevious(jobs.size())).finish();
  }

  @Override
  protected Pending enqueue(List<LaunchJob> jobs, long itemsPerJob, int[] previous) {
    LaunchSlot slot = h.slots().get(nextSlot);
    LaunchSlot other = h.slots().get(1 - nextSlot);
    nextSlot = 1 - nextSlot;
    try {
      Pending p =
          slot.enqueue(
              h.queue(),
              h.search(),
              jobs,
              new long[] {itemsPerJob, jobs.size()},
              new long[] {localSizeFor(itemsPerJob), 1},
              other.resultsMem(),
              previous);
      return () -> {
        try {
          return p.finish();
        } catch (CLException e) {
          throw fail("failed a search launch: " + e.getMessage());
        }
      };
    } catch (CLException e) {
      throw fail("failed a search launch: " + e.getMessage());
    }
  }

  private static int[] noPrevious(int n) {
    int[] none = new int[n];
    Arrays.fill(none, -1);
    return none;
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
    cl_context context = h.context();
    cl_kernel trials = h.trials();
    cl_command_queue queue = h.queue();
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
    releaseAll(h.releases());
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
