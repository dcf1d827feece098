package dev.bitmsg.node.app;

import dev.bitmsg.node.address.AddressException;
import dev.bitmsg.node.address.BitmessageAddress;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.address.IdentityGenerator;
import dev.bitmsg.node.crypto.CryptoSuite;
import dev.bitmsg.node.rpc.Json;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bm address new|deterministic|chan|decode}: make and inspect addresses. */
@Command(
    name = "address",
    mixinStandardHelpOptions = true,
    description = "Create and decode Bitmessage addresses",
    subcommands = {
      AddressCommand.New.class,
      AddressCommand.Deterministic.class,
      AddressCommand.Chan.class,
      AddressCommand.Decode.class
    })
public final class AddressCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Base of the subcommands: the crypto they run on (injectable for tests) and output. */
  abstract static class Sub implements Callable<Integer> {
    @Spec CommandSpec spec;
    final AddressTools tools;

    Sub(AddressTools tools) {
      this.tools = tools;
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    int fail(String message) {
      spec.commandLine().getErr().println("error: " + message);
      spec.commandLine().getErr().flush();
      return 1;
    }

    void printFields(Map<String, Object> fields) {
      fields.forEach((k, v) -> out().println(k + ": " + v));
    }
  }

  @Command(
      name = "new",
      mixinStandardHelpOptions = true,
      description = "Generate a random address and its keys")
  static final class New extends Sub {
    @Option(
        names = "--version",
        defaultValue = "4",
        description = "address version, 3 or 4 (default ${DEFAULT-VALUE})")
    int version;

    @Option(
        names = "--stream",
        defaultValue = "1",
        description = "stream number (default ${DEFAULT-VALUE})")
    long stream;

    @Option(
        names = "--shorter",
        description = "demand two leading zero bytes in the ripe (takes ~65536 tries)")
    boolean shorter;

    @Option(names = "--label", defaultValue = "", description = "label for the identity")
    String label;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    New() {
      this(AddressTools.production());
    }

    New(CryptoSuite crypto) {
      this(new AddressTools(crypto));
    }

    private New(AddressTools tools) {
      super(tools);
    }

    @Override
    public Integer call() {
      if (version != 3 && version != 4) {
        return fail("--version must be 3 or 4, got " + version);
      }
      if (stream < 1) {
        return fail("--stream must be at least 1");
      }
      Identity id = tools.generator.random(version, stream, shorter, label);
      Map<String, Object> fields = tools.describe(id);
      if (json) {
        out().println(Json.write(fields));
      } else {
        printFields(fields);
      }
      return 0;
    }
  }

  @Command(
      name = "deterministic",
      mixinStandardHelpOptions = true,
      description = "Derive addresses from a passphrase (like PyBitmessage)")
  static final class Deterministic extends Sub {
    @Option(names = "--passphrase", required = true, description = "the passphrase (UTF-8)")
    String passphrase;

    @Option(
        names = "--count",
        defaultValue = "1",
        description = "how many addresses (default ${DEFAULT-VALUE})")
    int count;

    @Option(
        names = "--version",
        defaultValue = "4",
        description = "address version, 3 or 4 (default ${DEFAULT-VALUE})")
    int version;

    @Option(
        names = "--stream",
        defaultValue = "1",
        description = "stream number (default ${DEFAULT-VALUE})")
    long stream;

    @Option(names = "--shorter", description = "demand two leading zero bytes in the ripe")
    boolean shorter;

    @Option(
        names = "--json",
        description = "print a JSON list of {address, signing_key_wif, encryption_key_wif}")
    boolean json;

    Deterministic() {
      this(AddressTools.production());
    }

    Deterministic(CryptoSuite crypto) {
      this(new AddressTools(crypto));
    }

    private Deterministic(AddressTools tools) {
      super(tools);
    }

    @Override
    public Integer call() {
      if (version != 3 && version != 4) {
        return fail("--version must be 3 or 4, got " + version);
      }
      if (count < 1 || count > 1000) {
        return fail("--count must be 1..1000, got " + count);
      }
      if (stream < 1) {
        return fail("--stream must be at least 1");
      }
      List<IdentityGenerator.Derived> derived =
          tools.generator.deterministic(
              passphrase.getBytes(StandardCharsets.UTF_8), count, version, stream, shorter);
      List<Object> list = new ArrayList<>();
      for (IdentityGenerator.Derived d : derived) {
        Map<String, Object> all = tools.describe(d.identity());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", all.get("address"));
        m.put("signing_key_wif", all.get("signing_key_wif"));
        m.put("encryption_key_wif", all.get("encryption_key_wif"));
        list.add(m);
        if (!json) {
          out().println(all.get("address"));
        }
      }
      if (json) {
        out().println(Json.write(list));
      }
      return 0;
    }
  }

  @Command(
      name = "chan",
      mixinStandardHelpOptions = true,
      description = "The address of a chan (deterministic v4 from its name)")
  static final class Chan extends Sub {
    @Option(names = "--name", required = true, description = "the chan name")
    String name;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    Chan() {
      this(AddressTools.production());
    }

    Chan(CryptoSuite crypto) {
      this(new AddressTools(crypto));
    }

    private Chan(AddressTools tools) {
      super(tools);
    }

    @Override
    public Integer call() {
      Identity chan = tools.generator.chan(name);
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", tools.codec.encode(chan.address()));
        m.put("label", chan.label());
        m.putAll(tools.describe(chan));
        out().println(Json.write(m));
      } else {
        out().println(tools.codec.encode(chan.address()));
      }
      return 0;
    }
  }

  @Command(
      name = "decode",
      mixinStandardHelpOptions = true,
      description = "Decode an address: version, stream, ripe")
  static final class Decode extends Sub {
    @Parameters(
        index = "0",
        paramLabel = "ADDRESS",
        description = "BM-... (the prefix is optional)")
    String address;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    Decode() {
      this(AddressTools.production());
    }

    Decode(CryptoSuite crypto) {
      this(new AddressTools(crypto));
    }

    private Decode(AddressTools tools) {
      super(tools);
    }

    @Override
    public Integer call() {
      BitmessageAddress a;
      try {
        a = tools.codec.decode(address);
      } catch (AddressException e) {
        return fail("invalid address: " + e.getMessage());
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("address", tools.codec.encode(a));
      m.put("version", a.version());
      m.put("stream", a.stream());
      m.put("ripe", a.ripe().toHex());
      if (json) {
        out().println(Json.write(m));
      } else {
        printFields(m);
      }
      return 0;
    }
  }
}
