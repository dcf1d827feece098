package dev.bitmsg.node.app;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.address.IdentityGenerator;
import dev.bitmsg.node.address.Wif;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the address commands share: the codec, WIF and generator built on one {@link CryptoSuite}.
 * Immutable; thread-safe.
 */
final class AddressTools {
  final CryptoSuite crypto;
  final AddressCodec codec;
  final Wif wif;
  final IdentityGenerator generator;

  AddressTools(CryptoSuite crypto) {
    this.crypto = crypto;
    this.codec = new AddressCodec(crypto.hashes());
    this.wif = new Wif(crypto.hashes());
    this.generator = new IdentityGenerator(crypto.hashes(), crypto.keys(), crypto.random());
  }

  static AddressTools production() {
    return new AddressTools(BcCryptoSuite.create());
  }

  /** The JSON/text fields of an identity: address, version, stream, ripe, both WIF keys. */
  Map<String, Object> describe(Identity id) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("address", codec.encode(id.address()));
    m.put("version", id.address().version());
    m.put("stream", id.address().stream());
    m.put("ripe", id.address().ripe().toHex());
    m.put("signing_key_wif", wif.encode(id.signing().privateKey()));
    m.put("encryption_key_wif", wif.encode(id.encryption().privateKey()));
    return m;
  }
}
