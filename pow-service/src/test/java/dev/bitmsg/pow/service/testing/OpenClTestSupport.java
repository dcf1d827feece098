package dev.bitmsg.pow.service.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bitmsg.pow.opencl.ClDevice;
import java.util.List;

/**
 * Gate for tests that need a real OpenCL device: with {@code BM_REQUIRE_OPENCL=1} (set by {@code
 * ./bm test}, which installs PoCL) a missing platform or device fails the test with the reason;
 * otherwise the test is skipped with an assumption that says why.
 */
public final class OpenClTestSupport {
  private OpenClTestSupport() {}

  /** Whether a missing OpenCL device is a failure ({@code BM_REQUIRE_OPENCL=1}). */
  public static boolean required() {
    return "1".equals(System.getenv("BM_REQUIRE_OPENCL"));
  }

  /** Every OpenCL device, or a failed/skipped test explaining why there is none. */
  public static List<ClDevice> devices() {
    String why;
    try {
      List<ClDevice> devices = ClDevice.discoverAll();
      if (!devices.isEmpty()) {
        return devices;
      }
      why = "no OpenCL device on any platform";
    } catch (LinkageError | RuntimeException e) {
      why = "OpenCL unavailable: " + e;
    }
    unavailable(why);
    throw new AssertionError("unreachable");
  }

  /** Fails (when {@link #required()}) or skips the calling test, saying {@code why}. */
  public static void unavailable(String why) {
    if (required()) {
      fail("BM_REQUIRE_OPENCL=1 but " + why + " (install an OpenCL runtime such as PoCL)");
    }
    assumeTrue(false, why + "; set BM_REQUIRE_OPENCL=1 to make this a failure");
  }
}
