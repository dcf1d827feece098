/**
 * The PoW commands of {@code ./bm}: {@code pow target|solve|validate|health}, {@code demo pow},
 * {@code bench pow|service|devices} and {@code pow-service}. {@link dev.bitmsg.pow.cli.PowMain}
 * wires them: it is the one place that hands the commands their {@link dev.bitmsg.pow.PowRules}
 * (the network's in {@code main}), through {@link dev.bitmsg.pow.cli.CommandFactory}. User errors
 * are one line on stderr with exit code 2. Depends on {@code engines}, {@code opencl} (the {@code
 * bench devices} command), {@code service} and its {@code scheduler}, {@code auth} and {@code
 * client} subpackages, pow-cpu, pow-proto, gRPC and picocli; nothing depends on it.
 */
package dev.bitmsg.pow.cli;
