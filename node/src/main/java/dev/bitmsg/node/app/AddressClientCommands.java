package dev.bitmsg.node.app;

import static dev.bitmsg.node.app.ClientCommands.list;

import dev.bitmsg.node.api.ApiClient;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The client commands on addresses, through a running node's API: own addresses ({@code bm
 * addresses}), subscriptions ({@code bm subscribe}), chans ({@code bm chan}) and Namecoin names
 * ({@code bm resolve}). Stateless holder of the command classes.
 */
final class AddressClientCommands {
  private AddressClientCommands() {}

  @Command(
      name = "addresses",
      mixinStandardHelpOptions = true,
      description = "Lists own addresses; --new makes one.")
  static final class Addresses extends ClientCommands.Base {
    @Mixin ApiOptions api;

    @Option(
        names = "--new",
        paramLabel = "LABEL",
        description = "Create a random address with this label first.")
    String create;

    @Override
    Integer execute() {
      ApiClient client = api.client();
      if (create != null) {
        out().println("created " + client.call("createRandomAddress", ApiClient.b64(create)));
      }
      for (Map<String, Object> a : list(client.call("listAddresses"), "addresses")) {
        out()
            .printf(
                Locale.ROOT,
                "%s  %s%s%s%n",
                a.get("address"),
                a.get("label"),
                Boolean.TRUE.equals(a.get("chan")) ? "  [chan]" : "",
                Boolean.TRUE.equals(a.get("enabled")) ? "" : "  [disabled]");
      }
      return 0;
    }
  }

  @Command(
      name = "subscribe",
      mixinStandardHelpOptions = true,
      description =
          "Subscribes to an address's broadcasts (--remove to unsubscribe); no address lists them.")
  static final class Subscribe extends ClientCommands.Base {
    @Mixin ApiOptions api;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ADDRESS")
    String address;

    @Parameters(index = "1", arity = "0..1", paramLabel = "LABEL")
    String label;

    @Option(names = "--remove", description = "Unsubscribe instead.")
    boolean remove;

    @Override
    Integer execute() {
      ApiClient client = api.client();
      if (address != null) {
        out()
            .println(
                remove
                    ? client.call("deleteSubscription", address)
                    : client.call(
                        "addSubscription", address, ApiClient.b64(label == null ? "" : label)));
      }
      for (Map<String, Object> s : list(client.call("listSubscriptions"), "subscriptions")) {
        out().println(s.get("address") + "  " + ApiClient.unb64(s.get("label")));
      }
      return 0;
    }
  }

  @Command(
      name = "chan",
      mixinStandardHelpOptions = true,
      description = "Creates, joins or leaves a chan.",
      subcommands = {Chan.Create.class, Chan.Join.class, Chan.Leave.class})
  static final class Chan implements Runnable {
    @Override
    public void run() {
      new picocli.CommandLine(this).usage(System.out);
    }

    @Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Creates (and joins) the chan NAME.")
    static final class Create extends ClientCommands.Base {
      @Mixin ApiOptions api;

      @Parameters(index = "0", paramLabel = "NAME")
      String name;

      @Override
      Integer execute() {
        out().println(api.client().call("createChan", ApiClient.b64(name)));
        return 0;
      }
    }

    @Command(
        name = "join",
        mixinStandardHelpOptions = true,
        description = "Joins the chan NAME with address ADDRESS.")
    static final class Join extends ClientCommands.Base {
      @Mixin ApiOptions api;

      @Parameters(index = "0", paramLabel = "NAME")
      String name;

      @Parameters(index = "1", paramLabel = "ADDRESS")
      String address;

      @Override
      Integer execute() {
        out().println(api.client().call("joinChan", ApiClient.b64(name), address));
        return 0;
      }
    }

    @Command(
        name = "leave",
        mixinStandardHelpOptions = true,
        description = "Leaves the chan ADDRESS.")
    static final class Leave extends ClientCommands.Base {
      @Mixin ApiOptions api;

      @Parameters(index = "0", paramLabel = "ADDRESS")
      String address;

      @Override
      Integer execute() {
        out().println(api.client().call("leaveChan", address));
        return 0;
      }
    }
  }

  @Command(
      name = "resolve",
      mixinStandardHelpOptions = true,
      description = {
        "Resolves a Namecoin name (id/NAME, or NAME which gets the id/ prefix) to a Bitmessage address",
        "through namecoind's JSON-RPC (name_show)."
      })
  static final class Resolve extends ClientCommands.Base {
    @Mixin ClientCommands.NamecoinOptions namecoin;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    Integer execute() {
      out().println(namecoin.resolver().resolve(name));
      return 0;
    }
  }
}
