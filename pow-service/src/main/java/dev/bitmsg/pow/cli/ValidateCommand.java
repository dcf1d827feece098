package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.ObjectPow;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.PowVerdict;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bm pow validate}: checks an object's lifetime and proof of work. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a whole object's lifetime and proof of work.",
      "Exit 0 when valid, 1 when invalid (with the reason), 2 for bad input."
    })
public final class ValidateCommand implements Callable<Integer> {
  private final PowRules rules;

  @Spec CommandSpec spec;

  @Option(
      names = "--object-hex",
      required = true,
      paramLabel = "HEX",
      description = "the whole object, nonce first")
  String objectHex;

  @Mixin DifficultyOptions difficulty;

  @Option(
      names = "--now",
      paramLabel = "EPOCH",
      description = "check time in Unix seconds (default: the current time)")
  Long now;

  /** {@code rules} decide whether the object's lifetime and proof of work are good enough. */
  public ValidateCommand(PowRules rules) {
    this.rules = rules;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    byte[] object;
    try {
      object = HexFormat.of().parseHex(objectHex.strip());
    } catch (IllegalArgumentException e) {
      spec.commandLine()
          .getErr()
          .println("bm pow validate: --object-hex is not hex: " + e.getMessage());
      return 2;
    }
    long at = now != null ? now : System.currentTimeMillis() / 1000;
    PowVerdict v = rules.validate(object, at, difficulty.difficulty());
    out.println(v.valid() ? "valid" : "invalid: " + v.outcome());
    out.println("reason: " + v.reason());
    if (object.length >= 16) {
      out.println("initial hash: " + ObjectPow.initialHash(object).toHex());
    }
    return v.valid() ? 0 : 1;
  }
}
