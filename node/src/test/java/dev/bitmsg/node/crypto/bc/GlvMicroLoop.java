package dev.bitmsg.node.crypto.bc;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import org.bouncycastle.math.ec.ECPoint;

/** Manual: CPU µs for table and product, plain comb vs GLV comb, same process. */
public final class GlvMicroLoop {
  private GlvMicroLoop() {}

  public static void main(String[] args) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Random rnd = new Random(1);
    int n = 2000;
    BigInteger[] ks = new BigInteger[n];
    ECPoint[] ps = new ECPoint[40];
    for (int i = 0; i < n; i++) {
      ks[i] = new BigInteger(256, rnd).mod(Secp256k1.N);
    }
    for (int i = 0; i < ps.length; i++) {
      ps[i] = Secp256k1.multiplyG(new BigInteger(256, rnd).mod(Secp256k1.N));
    }
    for (int round = 0; round < 4; round++) {
      StringBuilder sb = new StringBuilder("round " + round + ":");
      for (int w : new int[] {5, 6, 7, 8}) {
        long c = mx.getCurrentThreadCpuTime();
        CombTable t = null;
        for (ECPoint p : ps) {
          t = CombTable.of(p, w);
        }
        double tPre = (mx.getCurrentThreadCpuTime() - c) / 1e3 / ps.length;
        c = mx.getCurrentThreadCpuTime();
        GlvCombTable g = null;
        for (ECPoint p : ps) {
          g = GlvCombTable.of(p, w);
        }
        double gPre = (mx.getCurrentThreadCpuTime() - c) / 1e3 / ps.length;
        c = mx.getCurrentThreadCpuTime();
        for (BigInteger k : ks) {
          Objects.requireNonNull(t).multiply(k);
        }
        double tMul = (mx.getCurrentThreadCpuTime() - c) / 1e3 / n;
        c = mx.getCurrentThreadCpuTime();
        for (BigInteger k : ks) {
          Objects.requireNonNull(g).multiply(k);
        }
        double gMul = (mx.getCurrentThreadCpuTime() - c) / 1e3 / n;
        sb.append(
            String.format(
                Locale.ROOT,
                " w%d comb %.0f+%.1f glv %.0f+%.1f (mul ratio %.2f);",
                w,
                tPre,
                tMul,
                gPre,
                gMul,
                tMul / gMul));
      }
      System.out.println(sb);
    }
  }
}
