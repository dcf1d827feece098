package dev.bitmsg.node.messaging;

/** Messaging settings of the loopback tests: eased PoW like the test network, fast checks. */
public final class MessagingSettingsForTests {
  private MessagingSettingsForTests() {}

  public static MessagingSettings fast() {
    return MessagingNetworkIT.settings();
  }
}
