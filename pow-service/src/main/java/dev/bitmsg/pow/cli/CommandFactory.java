package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.PowRules;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Creates the commands for picocli, handing the {@link PowRules} to those that compute or check
 * proof of work; everything else (other commands, mixins, converters) comes from picocli's default
 * factory. Immutable and thread-safe.
 */
final class CommandFactory implements IFactory {
  private final PowRules rules;
  private final IFactory fallback = CommandLine.defaultFactory();

  CommandFactory(PowRules rules) {
    this.rules = rules;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    Object command;
    if (cls == TargetCommand.class) {
      command = new TargetCommand(rules);
    } else if (cls == ValidateCommand.class) {
      command = new ValidateCommand(rules);
    } else if (cls == PowDemoCommand.class) {
      command = new PowDemoCommand(rules);
    } else if (cls == PowServiceCommand.class) {
      command = new PowServiceCommand(rules);
    } else if (cls == BenchPowCommand.class) {
      command = new BenchPowCommand(rules);
    } else if (cls == BenchServiceCommand.class) {
      command = new BenchServiceCommand(rules);
    } else {
      return fallback.create(cls);
    }
    return cls.cast(command);
  }
}
