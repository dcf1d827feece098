package dev.bitmsg.node.wire;

/**
 * Decides whether an object's proof of work is sufficient at time {@code now} (PROTOCOL.md section
 * 5). Injected into {@link ObjectValidator} by the composition root, which implements it with the
 * target formula of the PoW module and {@link ObjectMessage#trialValue()}.
 */
@FunctionalInterface
public interface PowCheck {
  boolean isSufficient(ObjectMessage object, long nowEpochSeconds);
}
