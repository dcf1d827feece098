/**
 * The proof-of-work core shared by the node and the service: the definitions (initial hash, trial
 * value, {@link dev.bitmsg.pow.Difficulty}), the one set of rules ({@link dev.bitmsg.pow.PowRules}
 * with the network's formula in {@link dev.bitmsg.pow.PowTarget}, object header fields and lifetime
 * bounds in {@link dev.bitmsg.pow.ObjectPow}), the engine SPI ({@link dev.bitmsg.pow.NonceScanner}
 * per device, {@link dev.bitmsg.pow.PowEngine} and its handles) and the CPU reference engines
 * ({@link dev.bitmsg.pow.SlicedPowEngine} over the digest and Vector API scanners; the default
 * kernel measured once per machine and cached by {@link dev.bitmsg.pow.CpuKernelChoice}, warmed up
 * in the background while the engine already works with digest). JDK only (plus the incubating
 * Vector API); it logs through {@code System.Logger}, which the applications route into SLF4J.
 */
package dev.bitmsg.pow;
