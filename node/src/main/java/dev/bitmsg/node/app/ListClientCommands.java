package dev.bitmsg.node.app;

import static dev.bitmsg.node.app.ClientCommands.list;

import dev.bitmsg.node.api.ApiClient;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The client commands of this node's API extensions, through a running node's API: cancelling a
 * message ({@code bm cancel}), the sender lists ({@code bm blacklist}, {@code bm whitelist}, and
 * {@code bm blackwhitelist} for the list in use, PyBitmessage's setting of that name) and mailing
 * lists ({@code bm mailing-list}). Stateless holder of the command classes.
 */
final class ListClientCommands {
  private ListClientCommands() {}

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = {
        "Stops sending a message for good: its proof of work is cancelled and it is never",
        "published or resent. Prints its status afterwards (cancelled, or the final one it had",
        "reached)."
      })
  static final class Cancel extends ClientCommands.Base {
    @Mixin ApiOptions api;

    @Parameters(index = "0", paramLabel = "ACKDATA", description = "As send and sent print it.")
    String ackData;

    @Override
    Integer execute() {
      String status = api.client().callText("cancelSending", ackData);
      if (status.equals("notfound")) {
        spec.commandLine().getErr().println("bm cancel: no sent message with ackData " + ackData);
        return 1;
      }
      out().println(status);
      return 0;
    }
  }

  /** What to do with an entry given on the command line (nothing: add it). */
  static final class EntryAction {
    @Option(names = "--remove", description = "Take ADDRESS off the list.")
    boolean remove;

    @Option(names = "--disable", description = "Keep ADDRESS on the list, disabled.")
    boolean disable;

    @Option(names = "--enable", description = "Enable the entry of ADDRESS again.")
    boolean enable;
  }

  /** {@code bm blacklist} and {@code bm whitelist}: the same options on two lists. */
  abstract static class SenderListCommand extends ClientCommands.Base {
    @Mixin ApiOptions api;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ADDRESS")
    String address;

    @Parameters(index = "1", arity = "0..1", paramLabel = "LABEL")
    String label;

    @ArgGroup(exclusive = true)
    @Nullable EntryAction action;

    /** {@code Blacklist} or {@code Whitelist}, as in the API's method names. */
    abstract String listName();

    @Override
    Integer execute() {
      ApiClient client = api.client();
      String name = listName();
      if (address != null) {
        Object answer;
        if (action != null && action.remove) {
          answer = client.call("delete" + name + "Entry", address);
        } else if (action != null && (action.disable || action.enable)) {
          answer = client.call("enable" + name + "Entry", address, action.enable);
        } else {
          answer =
              client.call(
                  "add" + name + "Entry", address, ApiClient.b64(label == null ? "" : label));
        }
        out().println(answer);
      }
      for (Map<String, Object> e : list(client.call("list" + name + "Entries"), "addresses")) {
        out()
            .printf(
                Locale.ROOT,
                "%s  %s%s%n",
                e.get("address"),
                ApiClient.unb64(e.get("label")),
                Boolean.TRUE.equals(e.get("enabled")) ? "" : "  [disabled]");
      }
      return 0;
    }
  }

  @Command(
      name = "blacklist",
      mixinStandardHelpOptions = true,
      description = {
        "Lists the blacklist; with ADDRESS adds it (or --remove, --disable, --enable).",
        "While the blacklist is in use (bm blackwhitelist), msgs from its enabled entries are",
        "dropped unread and unacknowledged."
      })
  static final class Blacklist extends SenderListCommand {
    @Override
    String listName() {
      return "Blacklist";
    }
  }

  @Command(
      name = "whitelist",
      mixinStandardHelpOptions = true,
      description = {
        "Lists the whitelist; with ADDRESS adds it (or --remove, --disable, --enable).",
        "While the whitelist is in use (bm blackwhitelist white), only msgs from its enabled",
        "entries are accepted."
      })
  static final class Whitelist extends SenderListCommand {
    @Override
    String listName() {
      return "Whitelist";
    }
  }

  @Command(
      name = "blackwhitelist",
      mixinStandardHelpOptions = true,
      description = "Prints which sender list is in use; with MODE (black or white) sets it.")
  static final class Mode extends ClientCommands.Base {
    @Mixin ApiOptions api;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODE")
    String mode;

    @Override
    Integer execute() {
      ApiClient client = api.client();
      if (mode != null) {
        client.call("setBlackWhitelistMode", mode);
      }
      out().println(client.call("getBlackWhitelistMode"));
      return 0;
    }
  }

  @Command(
      name = "mailing-list",
      mixinStandardHelpOptions = true,
      description = {
        "Lists the own addresses acting as mailing lists; with ADDRESS makes it one named NAME",
        "(--off: an ordinary address again). A mailing list broadcasts again every msg it",
        "receives, the subject prefixed with [NAME]."
      })
  static final class MailingList extends ClientCommands.Base {
    @Mixin ApiOptions api;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ADDRESS")
    String address;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME")
    String name;

    @Option(names = "--off", description = "Make ADDRESS an ordinary address again.")
    boolean off;

    @Override
    Integer execute() {
      ApiClient client = api.client();
      if (address != null) {
        client.call("setMailingList", address, !off, ApiClient.b64(name == null ? "" : name));
      }
      for (Map<String, Object> m : list(client.call("listMailingLists"), "mailingLists")) {
        out().println(m.get("address") + "  [" + ApiClient.unb64(m.get("name")) + "]");
      }
      return 0;
    }
  }
}
