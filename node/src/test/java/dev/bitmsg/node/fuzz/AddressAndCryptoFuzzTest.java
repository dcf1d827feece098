package dev.bitmsg.node.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.AddressException;
import dev.bitmsg.node.address.IniFile;
import dev.bitmsg.node.address.KeysDatException;
import dev.bitmsg.node.address.Wif;
import dev.bitmsg.node.content.ContentCodec;
import dev.bitmsg.node.content.ContentDecodeException;
import dev.bitmsg.node.crypto.CryptoException;
import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.node.crypto.SeededRandomSource;
import dev.bitmsg.node.crypto.bc.BcEcies;
import dev.bitmsg.node.crypto.bc.BcHashes;

/**
 * Decoders of this part must answer arbitrary input with their typed exception, never with another
 * exception. Runs the stored inputs in normal test runs; {@code ./bm fuzz} explores. The seeds
 * under {@code src/test/resources/.../AddressAndCryptoFuzzTestInputs/<method>/} reach both outcomes
 * of every decoder: addresses of versions 2-4 and broken ones, a WIF key and broken ones, an ECIES
 * blob to {@code KEY} and a tampered and a truncated copy, a body in each message encoding (the
 * last byte picks the encoding), and a keys.dat with an address section and a malformed one.
 */
class AddressAndCryptoFuzzTest {
  private static final BcHashes HASHES = new BcHashes();
  private static final AddressCodec CODEC = new AddressCodec(HASHES);
  private static final Wif WIF = new Wif(HASHES);
  private static final BcEcies ECIES = new BcEcies(new SeededRandomSource(1));
  private static final PrivateKey KEY =
      PrivateKey.fromHex("12a16d741071608a921fd15320105ed2945dfa3ccae92e26533eb61268704100");
  private static final ContentCodec MESSAGES = new ContentCodec();

  @FuzzTest(maxDuration = "10s")
  void addressDecode(FuzzedDataProvider data) {
    try {
      CODEC.decode(data.consumeRemainingAsString());
    } catch (AddressException expected) {
      // typed rejection
    }
  }

  @FuzzTest(maxDuration = "10s")
  void wifDecode(FuzzedDataProvider data) {
    try {
      WIF.decode(data.consumeRemainingAsString());
    } catch (IllegalArgumentException expected) {
      // typed rejection
    }
  }

  @FuzzTest(maxDuration = "10s")
  void eciesOpenAndDecrypt(FuzzedDataProvider data) {
    try {
      ECIES.open(data.consumeRemainingAsBytes()).tryDecrypt(KEY);
    } catch (CryptoException expected) {
      // typed rejection
    }
  }

  @FuzzTest(maxDuration = "10s")
  void messageDecode(FuzzedDataProvider data) {
    try {
      MESSAGES.decode(data.consumeInt(0, 4), data.consumeRemainingAsBytes());
    } catch (ContentDecodeException expected) {
      // typed rejection
    }
  }

  @FuzzTest(maxDuration = "10s")
  void keysDatParse(FuzzedDataProvider data) {
    try {
      IniFile.parse(data.consumeRemainingAsString());
    } catch (KeysDatException expected) {
      // typed rejection
    }
  }
}
