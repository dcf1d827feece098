package dev.bitmsg.node.messaging;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.pow.PowProvider;
import dev.bitmsg.node.testing.HarderPow;
import dev.bitmsg.node.testing.TestNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A node in its own JVM for the kill tests: client-only, dialling the given peer, on the test
 * network's PoW rules with its own searches eased by only the given bits (at most {@link
 * TestNetwork#EASE_BITS}: a harder search lasts long enough to be killed in). Runs until killed.
 * Arguments: {@code DIR PEER EASE_BITS [MODE [RECIPIENT [hold]]]}. Mode {@code pubkey} (the
 * default, {@link PubkeyKillIT}): the first run creates an identity, whose pubkey it then
 * publishes. Mode {@code getpubkey} ({@link GetpubkeyKillIT}): the first run joins a chan (chans
 * publish no pubkey) and sends from it to {@code RECIPIENT}, whose pubkey it must ask for. {@code
 * hold} makes every search 2^40 times harder, so the work is certainly running when the test kills
 * the child. Later runs only resume.
 */
public final class PubkeyChild {
  private PubkeyChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    HostPort peer = HostPort.parse(args[1]);
    int easeBits = Integer.parseInt(args[2]);
    String mode = args.length > 3 ? args[3] : "pubkey";
    boolean hold = args.length > 5 && args[5].equals("hold");
    NodeConfig config =
        new NodeConfig(
            dir,
            Optional.empty(),
            List.of(peer),
            false,
            Optional.empty(),
            TestNetwork.settings(),
            Duration.ofMinutes(10));
    // Everyone on the test network checks with its rules; only this node's own searches are
    // made harder, so its objects still pass the peer's check.
    int harder = TestNetwork.EASE_BITS - easeBits + (hold ? 40 : 0);
    UnaryOperator<PowProvider> pow =
        harder > 0 ? p -> new HarderPow(p, harder) : UnaryOperator.identity();
    Node node =
        NodeAssembly.start(
            TestNetwork.setup(config).withMessaging(TestNetwork.messaging()).withPowWrapper(pow));
    if (node.messenger().identities().isEmpty()) {
      if (mode.equals("getpubkey")) {
        String chan = node.messenger().text(node.messenger().joinChan("killed while asking"));
        node.messenger().send(chan, args[4], "after the kill", "sent once the pubkey came", 3600);
      } else {
        node.messenger().createRandom("killed while publishing");
      }
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
