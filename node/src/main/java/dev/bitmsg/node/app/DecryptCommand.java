package dev.bitmsg.node.app;

import dev.bitmsg.node.address.Wif;
import dev.bitmsg.node.crypto.CryptoException;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.crypto.PrivateKey;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bm decrypt --key WIF --hex HEX}: decrypts one ECIES blob (PROTOCOL.md section 7.1) and
 * prints the plaintext as hex on the last line; exit 1 with a reason when it does not decrypt.
 */
@Command(
    name = "decrypt",
    mixinStandardHelpOptions = true,
    description =
        "Decrypt an ECIES blob with a private key; prints the plaintext hex on the last line")
public final class DecryptCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--key",
      required = true,
      description = "private key: WIF (as in keys.dat) or 64 hex digits")
  String key;

  @Option(
      names = "--hex",
      required = true,
      description = "the ECIES blob as hex (IV | R | ciphertext | MAC)")
  String hex;

  private final CryptoSuite crypto;

  DecryptCommand() {
    this(BcCryptoSuite.create());
  }

  DecryptCommand(CryptoSuite crypto) {
    this.crypto = crypto;
  }

  @Override
  public Integer call() {
    PrivateKey privateKey;
    try {
      privateKey = parseKey(key.strip());
    } catch (IllegalArgumentException | CryptoException e) {
      return fail("bad --key: " + e.getMessage());
    }
    byte[] blob;
    try {
      blob = HexFormat.of().parseHex(hex.strip());
    } catch (IllegalArgumentException e) {
      return fail("bad --hex: " + e.getMessage());
    }
    byte[] plain;
    try {
      plain = crypto.ecies().decrypt(privateKey, blob);
    } catch (CryptoException e) {
      return fail("decryption failed (" + e.reason() + "): " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("decrypted " + plain.length + " bytes from a " + blob.length + "-byte blob");
    out.println(HexFormat.of().formatHex(plain));
    out.flush();
    return 0;
  }

  private PrivateKey parseKey(String text) {
    if (text.length() == 64 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return PrivateKey.fromHex(text);
    }
    return new Wif(crypto.hashes()).decode(text);
  }

  private int fail(String message) {
    spec.commandLine().getErr().println("error: " + message);
    spec.commandLine().getErr().flush();
    return 1;
  }
}
