package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.PowRules;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bm pow target}: prints the PoW target of an object (PROTOCOL.md section 5). */
@Command(
    name = "target",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the proof-of-work target (unsigned decimal) of an object.",
      "Exit 0; 1 when the difficulty is so high that the target is 0 (no search possible)."
    })
public final class TargetCommand implements Callable<Integer> {
  private final PowRules rules;

  @Spec CommandSpec spec;

  @Option(
      names = "--payload-length",
      required = true,
      paramLabel = "L",
      description = "length of the whole object in bytes, INCLUDING its 8-byte nonce")
  long length;

  @Option(
      names = "--ttl",
      required = true,
      paramLabel = "SECONDS",
      description = "expiresTime - now; below 300 counts as 300")
  long ttl;

  @Mixin DifficultyOptions difficulty;

  /** {@code rules} give the target. */
  public TargetCommand(PowRules rules) {
    this.rules = rules;
  }

  @Override
  public Integer call() {
    if (length < 8) {
      spec.commandLine()
          .getErr()
          .println(
              "bm pow target: --payload-length includes the 8-byte nonce, so it is at least 8");
      return 2;
    }
    long target = rules.target(length, ttl, difficulty.difficulty());
    spec.commandLine().getOut().println(Long.toUnsignedString(target));
    if (target == 0) {
      spec.commandLine()
          .getErr()
          .println(
              "bm pow target: the target is 0: the difficulty is too high for any nonce search");
      return 1;
    }
    return 0;
  }
}
