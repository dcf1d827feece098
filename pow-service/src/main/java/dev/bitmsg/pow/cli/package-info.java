/**
 * The PoW commands of {@code ./bm}: {@code pow target|solve|validate}, {@code demo}, {@code bench
 * pow|service|devices} and {@code pow-service}. {@link dev.bitmsg.pow.cli.PowMain} wires them: it
 * is the one place that hands the commands their {@link dev.bitmsg.pow.PowRules} (the network's in
 * {@code main}), through {@link dev.bitmsg.pow.cli.CommandFactory}. User errors are one line on
 * stderr with exit code 2. Depends on every other package of the module, pow-proto, gRPC and
 * picocli; nothing depends on it.
 */
package dev.bitmsg.pow.cli;
