package dev.bitmsg.node.crypto.bc;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.FixedPointUtil;

/** Manual micro-measurement of the pieces of a trial decryption (CPU time of this thread). */
public final class EcMicroLoop {
  private EcMicroLoop() {}

  public static void main(String[] args) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Random rnd = new Random(1);
    int n = 4000;
    BigInteger[] ks = new BigInteger[n];
    ECPoint[] pts = new ECPoint[n];
    for (int i = 0; i < n; i++) {
      ks[i] = new BigInteger(256, rnd).mod(Secp256k1.N);
      pts[i] = Secp256k1.multiplyG(new BigInteger(256, rnd).mod(Secp256k1.N));
    }
    FixedPointCombMultiplier comb = new FixedPointCombMultiplier();
    for (int round = 0; round < 4; round++) {
      long t = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        ECPoint p =
            Secp256k1.decode(
                pts[i].getAffineXCoord().toBigInteger(), pts[i].getAffineYCoord().toBigInteger());
        p.multiply(ks[i]).normalize();
      }
      double glv = (mx.getCurrentThreadCpuTime() - t) / 1e3 / n;
      t = mx.getCurrentThreadCpuTime();
      ECPoint fresh = null;
      int precomputed = n / 10;
      for (int i = 0; i < precomputed; i++) {
        fresh =
            Secp256k1.decode(
                pts[i].getAffineXCoord().toBigInteger(), pts[i].getAffineYCoord().toBigInteger());
        FixedPointUtil.precompute(fresh);
      }
      double pre = (mx.getCurrentThreadCpuTime() - t) / 1e3 / precomputed;
      t = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        comb.multiply(fresh, ks[i]);
      }
      double combMul = (mx.getCurrentThreadCpuTime() - t) / 1e3 / n;
      double[] combW = new double[11];
      double[] preW = new double[11];
      for (int w = 4; w <= 10; w += 1) {
        long t1 = mx.getCurrentThreadCpuTime();
        CombTable table = null;
        for (int i = 0; i < 20; i++) {
          table = CombTable.of(pts[i], w);
        }
        preW[w] = (mx.getCurrentThreadCpuTime() - t1) / 1e3 / 20;
        t1 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
          ECPoint r = Objects.requireNonNull(table).multiply(ks[i]);
          if (i < 3 && !r.normalize().equals(pts[19].multiply(ks[i]).normalize())) {
            throw new AssertionError("comb mismatch");
          }
        }
        combW[w] = (mx.getCurrentThreadCpuTime() - t1) / 1e3 / n;
      }
      StringBuilder sb = new StringBuilder();
      for (int w = 4; w <= 10; w++) {
        sb.append(String.format(Locale.ROOT, " w%d: pre %.0f mul %.1f;", w, preW[w], combW[w]));
      }
      System.out.println("own comb (us):" + sb);
      ECPoint q = pts[0].multiply(ks[0]);
      t = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        q.normalize();
        q = q.twice();
      }
      double norm = (mx.getCurrentThreadCpuTime() - t) / 1e3 / n;
      byte[] data = new byte[500];
      byte[] h = new byte[64];
      t = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        h = BcEcies.sha512(h);
        BcEcies.hmac(h, data, 468);
      }
      double hash = (mx.getCurrentThreadCpuTime() - t) / 1e3 / n;
      System.out.printf(
          Locale.ROOT,
          "round %d (us): glv multiply+decode %.1f, comb precompute %.1f, comb multiply %.1f, normalize+twice %.1f, sha512+hmac(468B) %.1f%n",
          round,
          glv,
          pre,
          combMul,
          norm,
          hash);
    }
  }
}
