package dev.bitmsg.pow.opencl;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

/**
 * Gate for tests that need a real OpenCL device: with {@code BM_REQUIRE_OPENCL=1} (set by {@code
 * ./bm test}, which installs PoCL) a missing platform fails the test with the reason; otherwise the
 * test is skipped with an assumption that says why.
 */
final class OpenClTestSupport {
  private OpenClTestSupport() {}

  static boolean required() {
    return "1".equals(System.getenv("BM_REQUIRE_OPENCL"));
  }

  /** Every OpenCL device, or a failed/skipped test explaining why there is none. */
  static List<ClDevice> devices() {
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

  static void unavailable(String why) {
    if (required()) {
      fail("BM_REQUIRE_OPENCL=1 but " + why + " (install an OpenCL runtime such as PoCL)");
    }
    assumeTrue(false, why + "; set BM_REQUIRE_OPENCL=1 to make this a failure");
  }
}
