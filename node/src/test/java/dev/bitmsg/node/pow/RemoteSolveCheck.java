package dev.bitmsg.node.pow;

import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.TrialValue;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Manual check of the node's client against a running PoW service: {@code RemoteSolveCheck
 * HOST:PORT TOKEN [TARGET_BITS]} solves one search through {@link RemotePowProvider} and prints the
 * nonce, who solved it and the progress updates seen.
 */
public final class RemoteSolveCheck {
  private RemoteSolveCheck() {}

  public static void main(String[] args) throws Exception {
    int bits = args.length > 2 ? Integer.parseInt(args[2]) : 40;
    byte[] h = new byte[64];
    Arrays.fill(h, (byte) 0x5a);
    InitialHash ih = InitialHash.of(h);
    long target = 1L << bits;
    int[] updates = {0};
    try (RemotePowProvider p =
        new RemotePowProvider(
            HostPort.parse(args[0]).host(),
            HostPort.parse(args[0]).port(),
            args[1],
            Duration.ofSeconds(10))) {
      long t0 = System.nanoTime();
      PowProvider.Result r = p.solve(ih, target, x -> updates[0]++);
      System.out.printf(
          Locale.ROOT,
          "nonce %d by %s in %d ms, %d progress updates, valid %b%n",
          r.nonce(),
          r.by(),
          (System.nanoTime() - t0) / 1_000_000,
          updates[0],
          TrialValue.meets(TrialValue.of(r.nonce(), ih), target));
    }
  }
}
