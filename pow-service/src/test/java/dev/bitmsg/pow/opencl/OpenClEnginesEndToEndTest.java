package dev.bitmsg.pow.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowHandle;
import dev.bitmsg.pow.PowJob;
import dev.bitmsg.pow.PowSolution;
import dev.bitmsg.pow.SlicedPowEngine;
import dev.bitmsg.pow.TrialValue;
import dev.bitmsg.pow.aparapi.AparapiEngineProvider;
import dev.bitmsg.pow.engines.EngineOptions;
import dev.bitmsg.pow.engines.EngineProbe;
import dev.bitmsg.pow.engines.EngineProvider;
import dev.bitmsg.pow.service.testing.OpenClTestSupport;
import dev.bitmsg.vectors.VectorFile;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each OpenCL engine family behind the generic {@link SlicedPowEngine}, from job to solution. */
class OpenClEnginesEndToEndTest {
  static Stream<EngineProvider> providers() {
    return Stream.of(new JoclEngineProvider(), new AparapiEngineProvider());
  }

  @ParameterizedTest
  @MethodSource("providers")
  void solvesVectorJobsTogetherAndCancels(EngineProvider provider) throws Exception {
    OpenClTestSupport.devices();
    EngineProbe probe = provider.probe(EngineOptions.defaults());
    assertTrue(probe.available(), probe.problems().toString());
    // One scanner: slices of a job are then scanned in order, so answers are the smallest nonces.
    probe.scanners().subList(1, probe.scanners().size()).forEach(s -> s.close());
    try (SlicedPowEngine engine =
        new SlicedPowEngine(provider.name(), List.of(probe.scanners().get(0)))) {
      VectorFile.Block kernelTest = VectorFile.block("pow.txt", "GPU/CPU search kernel test");
      VectorFile.Block network = VectorFile.block("pow.txt", "full worked example");
      InitialHash h1 = InitialHash.fromHex(kernelTest.get("initial_hash"));
      InitialHash h2 = InitialHash.fromHex(network.get("initial_hash"));
      PowHandle hard = engine.submit(new PowJob(h1, 1, 0)); // practically unsolvable
      List<PowHandle> handles =
          engine.submitAll(
              List.of(
                  new PowJob(h1, kernelTest.decimal("target_2pow48"), 0),
                  new PowJob(h2, network.decimal("target"), 0),
                  new PowJob(h1, kernelTest.decimal("target_2pow44"), 0)));
      long[] want = {
        kernelTest.decimal("smallest_nonce_2pow48"),
        network.decimal("smallest_nonce"),
        kernelTest.decimal("smallest_nonce_2pow44")
      };
      for (int i = 0; i < handles.size(); i++) {
        PowSolution s = handles.get(i).result().get(120, TimeUnit.SECONDS);
        assertEquals(want[i], s.nonce(), "job " + i);
        assertTrue(
            TrialValue.isSolution(
                s.nonce(), handles.get(i).job().initialHash(), handles.get(i).job().target()));
        assertTrue(s.engine().startsWith(provider.name()), s.engine());
      }
      hard.cancel();
      assertThrows(CancellationException.class, () -> hard.result().get(30, TimeUnit.SECONDS));
    }
  }
}
