package dev.bitmsg.pow.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bitmsg.pow.InitialHash;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Launch shapes of the shared host loop: work-items per job and the local size they use. */
class LaunchShapeTest {
  /** Only the shape arithmetic is exercised; no launch ever runs. */
  private static final class Shape extends LaunchingScanner {
    Shape(int noncesPerItem, int workGroupSize, int minGroup) {
      super("shape", noncesPerItem, workGroupSize, minGroup, 4);
    }

    @Override
    protected long[] launch(List<LaunchJob> jobs, long itemsPerJob) {
      throw new AssertionError("not launched in this test");
    }

    @Override
    protected void release() {}

    @Override
    public long[] trialValues(InitialHash hash, long first, int count) {
      throw new AssertionError("not launched in this test");
    }
  }

  @Test
  void fullLaunchesUseWholeWorkGroups() {
    Shape s = new Shape(16, 256, 8);
    assertEquals(256, s.itemsFor(16 * 256));
    assertEquals(512, s.itemsFor(16 * 256 + 1));
    assertEquals(256, s.localSizeFor(512));
  }

  @Test
  void smallJobsUsePowerOfTwoMultiplesOfTheMinimumGroup() {
    Shape s = new Shape(16, 256, 8);
    assertEquals(8, s.itemsFor(1));
    assertEquals(8, s.itemsFor(128));
    assertEquals(16, s.itemsFor(129));
    assertEquals(128, s.itemsFor(16 * 100));
    assertEquals(128, s.localSizeFor(128));
    Shape odd = new Shape(1, 96, 32);
    assertEquals(64, odd.itemsFor(40));
    assertEquals(96, odd.itemsFor(80)); // capped at the work-group size
    assertEquals(96, odd.localSizeFor(96));
  }

  @Test
  void badShapesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Shape(16, 64, 128));
    assertThrows(IllegalArgumentException.class, () -> new Shape(16, 64, 0));
  }
}
