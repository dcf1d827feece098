package dev.bitmsg.node.messaging;

import dev.bitmsg.node.app.Node;
import dev.bitmsg.node.app.NodeAssembly;
import dev.bitmsg.node.app.NodeConfig;
import dev.bitmsg.node.net.HostPort;
import dev.bitmsg.node.store.Inbox;
import dev.bitmsg.node.store.InboxEntry;
import dev.bitmsg.node.testing.TestNetwork;
import dev.bitmsg.node.wire.Bytes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A receiving node in its own JVM for {@link ReceiveKillIT}: client-only, dialling the given peer;
 * on its first run it creates the deterministic identity of {@link ReceiveKillIT#PASSPHRASE}. With
 * mode {@code before-inbox} or {@code after-inbox} its inbox stops for good at that point of the
 * receive path (the msg object stored, its inbox row not yet written; or the row written, the ack
 * not yet published) after printing {@value #REACHED} and the mode, so the test kills it there and
 * nowhere else; mode {@code run} has no stop. Runs until killed. Arguments: DATA_DIR PEER MODE.
 */
public final class ReceiverChild {
  static final String REACHED = "receive hook reached: ";

  private ReceiverChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    HostPort peer = HostPort.parse(args[1]);
    String mode = args[2].toLowerCase(Locale.ROOT);
    if (!List.of("before-inbox", "after-inbox", "run").contains(mode)) {
      throw new IllegalArgumentException("mode: before-inbox, after-inbox or run, got " + mode);
    }
    NodeConfig config =
        new NodeConfig(
            dir,
            Optional.empty(),
            List.of(peer),
            false,
            Optional.empty(),
            TestNetwork.settings(),
            Duration.ofMinutes(10));
    Node node =
        NodeAssembly.start(
            TestNetwork.setup(config)
                .withMessaging(TestNetwork.messaging())
                .withStoresWrapper(
                    s ->
                        new MessagingStores(
                            s.identities(),
                            s.outbox(),
                            new StoppingInbox(s.inbox(), mode),
                            s.pubkeys(),
                            s.pubkeyWork(),
                            s.senderLists(),
                            s.mailingLists())));
    Messenger m = node.messenger();
    if (m.identities().isEmpty()) {
      m.createDeterministic(ReceiveKillIT.PASSPHRASE, 1, 4);
    }
    Thread.sleep(Long.MAX_VALUE);
  }

  /** The inbox, stopping the thread that files a message at the point the mode names. */
  private record StoppingInbox(Inbox inbox, String mode) implements Inbox {
    @Override
    public boolean add(InboxEntry entry) {
      if (mode.equals("before-inbox")) {
        stop();
      }
      boolean fresh = inbox.add(entry);
      if (mode.equals("after-inbox")) {
        stop();
      }
      return fresh;
    }

    private void stop() {
      System.out.println(REACHED + mode);
      System.out.flush();
      try {
        new CountDownLatch(1).await(); // until the test kills this process
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("receive hook interrupted");
    }

    @Override
    public List<InboxEntry> received() {
      return inbox.received();
    }

    @Override
    public long count() {
      return inbox.count();
    }

    @Override
    public int delete(Collection<Bytes> sigHashes) {
      return inbox.delete(sigHashes);
    }
  }
}
