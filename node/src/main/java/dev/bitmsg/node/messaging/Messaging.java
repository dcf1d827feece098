package dev.bitmsg.node.messaging;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.AddressCrypto;
import dev.bitmsg.node.address.IdentityGenerator;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.pow.PowProvider;
import dev.bitmsg.node.store.IdentityStore;
import dev.bitmsg.node.store.Inventory;
import dev.bitmsg.node.store.PubkeyWorkJobs;
import dev.bitmsg.node.store.sqlite.SqliteMailStore;
import dev.bitmsg.node.wire.ObjectMessage;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Wires the messaging layer of one node: keyring, object factory, PoW worker, pubkey finder,
 * messenger (sender loop) and receiver, and closes them in reverse order. Thread-safe.
 */
public final class Messaging implements AutoCloseable {
  private final Messenger messenger;
  private final Receiver receiver;
  private final PowProvider powProvider;

  public Messaging(
      MessagingSettings settings,
      CryptoSuite crypto,
      IdentityStore identities,
      SqliteMailStore mail,
      PubkeyWorkJobs jobs,
      Inventory inventory,
      PowProvider powProvider,
      Consumer<ObjectMessage> publish,
      Clock clock) {
    this.powProvider = powProvider;
    AddressCodec codec = new AddressCodec(crypto.hashes());
    AddressCrypto addressCrypto = new AddressCrypto(crypto.hashes(), crypto.keys());
    Keyring keyring = new Keyring(identities, codec, addressCrypto);
    ObjectFactory factory = new ObjectFactory(addressCrypto, crypto.signer(), crypto.ecies());
    PubkeyFinder finder =
        new PubkeyFinder(
            codec, addressCrypto, crypto.ecies(), crypto.verifier(), inventory, mail, clock);
    this.messenger =
        new Messenger(
            settings,
            clock,
            identities,
            keyring,
            mail,
            mail,
            mail,
            codec,
            new IdentityGenerator(crypto.hashes(), crypto.keys(), crypto.random()),
            factory,
            new PowWorker(powProvider, settings.easeBits()),
            finder,
            jobs,
            new AckMaker(
                settings.ackStealthLevel(), crypto.ecies(), crypto.keys(), crypto.random()),
            publish);
    this.receiver =
        new Receiver(
            keyring,
            messenger,
            finder,
            crypto.ecies(),
            crypto.verifier(),
            crypto.hashes(),
            codec,
            mail,
            mail,
            settings,
            publish,
            clock);
  }

  public void start() {
    messenger.start();
  }

  public Messenger messenger() {
    return messenger;
  }

  public Receiver receiver() {
    return receiver;
  }

  @Override
  public void close() {
    messenger.close();
    receiver.close();
    powProvider.close();
  }
}
