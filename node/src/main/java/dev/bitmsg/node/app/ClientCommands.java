package dev.bitmsg.node.app;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.api.ApiClient;
import dev.bitmsg.node.api.ApiError;
import dev.bitmsg.node.crypto.bc.BcCryptoSuite;
import dev.bitmsg.node.namecoin.NamecoinException;
import dev.bitmsg.node.namecoin.NamecoinResolver;
import dev.bitmsg.settings.SecretFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The client commands on mail: they talk to a running node through its API ({@code bm send}, {@code
 * bm inbox}, {@code bm read}, {@code bm sent}, {@code bm pubkey-work}, {@code bm status}); the
 * address commands are in {@link AddressClientCommands}. Also the pieces all client commands share:
 * the command base with its error handling, the Namecoin options, result helpers. Stateless holder
 * of the command classes.
 */
final class ClientCommands {
  private ClientCommands() {}

  /** Namecoin endpoint options. */
  static final class NamecoinOptions {
    @Option(
        names = "--namecoin-url",
        paramLabel = "URL",
        defaultValue = "http://127.0.0.1:8336/",
        description = "namecoind JSON-RPC endpoint (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--namecoin-user", paramLabel = "USER", description = "namecoind rpcuser.")
    String user;

    @Option(
        names = "--namecoin-password",
        paramLabel = "PW",
        description =
            "namecoind rpcpassword (visible in ps: prefer --namecoin-password-file or"
                + " BM_NAMECOIN_PASSWORD).")
    String password;

    @Option(
        names = "--namecoin-password-file",
        paramLabel = "FILE",
        description = "File whose first line is namecoind's rpcpassword.")
    Path passwordFile;

    NamecoinResolver resolver() {
      return new NamecoinResolver(
          URI.create(url),
          Optional.ofNullable(user),
          Optional.ofNullable(password)
              .or(
                  () ->
                      Optional.ofNullable(passwordFile)
                          .map(f -> SecretFile.read("namecoin-password-file", f))),
          new AddressCodec(BcCryptoSuite.create().hashes()));
    }
  }

  /** Output through picocli's writers (tests capture them). */
  abstract static class Base implements Callable<Integer> {
    @Spec CommandSpec spec;

    abstract Integer execute() throws Exception;

    /**
     * Runs the command; API, transport and Namecoin failures become one line on stderr and exit 1.
     */
    @Override
    public final Integer call() throws Exception {
      try {
        return execute();
      } catch (Exception e) {
        int code = handle(e, spec.commandLine());
        if (code < 0) {
          throw e;
        }
        return code;
      }
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(@Nullable Object result, String key) {
    if (!(result instanceof Map<?, ?> m) || !(m.get(key) instanceof List<?> l)) {
      throw new ApiClient.ApiClientException(
          "the node API answered without a list '" + key + "'", null);
    }
    return (List<Map<String, Object>>) l;
  }

  static String time(@Nullable Object epoch) {
    return epoch instanceof Number n
        ? Instant.ofEpochSecond(n.longValue()).toString()
        : String.valueOf(epoch);
  }

  @Command(
      name = "send",
      mixinStandardHelpOptions = true,
      description = {
        "Sends a message through the node and shows its progress (PoW rate, ETA) until it is sent.",
        "TO is a BM- address or a Namecoin name (id/NAME or NAME, resolved through namecoind)."
      })
  static final class Send extends Base {
    @Mixin ApiOptions api;
    @Mixin NamecoinOptions namecoin;

    @Option(
        names = "--from",
        required = true,
        paramLabel = "ADDR",
        description = "Own sending address.")
    String from;

    @Parameters(index = "0", paramLabel = "TO")
    String to;

    @Parameters(index = "1", paramLabel = "SUBJECT")
    String subject;

    @Parameters(
        index = "2",
        paramLabel = "BODY",
        arity = "0..1",
        description = "Body text; '-' or absent reads stdin.")
    String body;

    @Option(
        names = "--ttl",
        paramLabel = "SECONDS",
        defaultValue = "345600",
        description = "Time to live (default: 4 days).")
    long ttl;

    @Option(
        names = "--wait",
        paramLabel = "sent|ack|none",
        defaultValue = "sent",
        description = "Wait until the message is sent (default), acknowledged, or not at all.")
    String wait;

    @Option(
        names = "--timeout",
        paramLabel = "SECONDS",
        defaultValue = "1800",
        description = "Give up watching after this.")
    long timeout;

    @Override
    Integer execute() throws Exception {
      String recipient = to;
      if (NamecoinResolver.isName(to)) {
        NamecoinResolver.Resolved r = namecoin.resolver().resolve(to);
        out().println("resolved " + r.name() + " to " + r);
        recipient = r.address();
      }
      String text =
          body == null || body.equals("-")
              ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
              : body;
      ApiClient client = api.client();
      String ack =
          client.callText(
              "sendMessage", recipient, from, ApiClient.b64(subject), ApiClient.b64(text), 2L, ttl);
      out().println("queued, ackData " + ack);
      if (wait.equals("none")) {
        return 0;
      }
      Set<String> until = wait.equals("ack") ? SendWatcher.FINAL : SendWatcher.SENT;
      String last = SendWatcher.watch(client, ack, until, Duration.ofSeconds(timeout), out(), "");
      return Set.of("toodifficult", "failed").contains(last) ? 1 : 0;
    }
  }

  @Command(
      name = "inbox",
      mixinStandardHelpOptions = true,
      description = "Lists received messages (newest last).")
  static final class Inbox extends Base {
    @Mixin ApiOptions api;

    @Override
    Integer execute() {
      List<Map<String, Object>> msgs =
          list(api.client().call("getAllInboxMessages"), "inboxMessages");
      for (Map<String, Object> m : msgs) {
        out()
            .printf(
                Locale.ROOT,
                "%s %s %s  from %s to %s  %s%n",
                String.valueOf(m.get("msgid")).substring(0, 16),
                Long.valueOf(1).equals(m.get("read")) ? " " : "*",
                time(m.get("receivedTime")),
                m.get("fromAddress"),
                m.get("toAddress"),
                ApiClient.unb64(m.get("subject")));
      }
      out().println(msgs.size() + " message(s); read one with: bm read ID (a prefix is enough)");
      return 0;
    }
  }

  @Command(
      name = "read",
      mixinStandardHelpOptions = true,
      description = "Shows one inbox message and marks it read.")
  static final class Read extends Base {
    @Mixin ApiOptions api;

    @Parameters(index = "0", paramLabel = "ID", description = "msgid or a unique prefix of it.")
    String id;

    @Override
    Integer execute() {
      ApiClient client = api.client();
      List<String> ids =
          list(client.call("getAllInboxMessageIds"), "inboxMessageIds").stream()
              .map(m -> String.valueOf(m.get("msgid")))
              .filter(m -> m.startsWith(id.toLowerCase(Locale.ROOT)))
              .toList();
      if (ids.size() != 1) {
        spec.commandLine()
            .getErr()
            .println(
                ids.isEmpty()
                    ? "no inbox message " + id
                    : "ambiguous id " + id + ": " + ids.size() + " match");
        return 1;
      }
      Map<String, Object> m =
          list(client.call("getInboxMessageById", ids.get(0), true), "inboxMessage").get(0);
      out().println("From:     " + m.get("fromAddress"));
      out().println("To:       " + m.get("toAddress"));
      out().println("Received: " + time(m.get("receivedTime")));
      out().println("Subject:  " + ApiClient.unb64(m.get("subject")));
      out().println();
      out().println(ApiClient.unb64(m.get("message")));
      return 0;
    }
  }

  @Command(
      name = "sent",
      mixinStandardHelpOptions = true,
      description = "Lists sent messages with their status.")
  static final class Sent extends Base {
    @Mixin ApiOptions api;

    @Override
    Integer execute() {
      for (Map<String, Object> m : list(api.client().call("getAllSentMessages"), "sentMessages")) {
        out()
            .printf(
                Locale.ROOT,
                "%-22s %s  to %s  %s%n    ackData %s%n",
                m.get("status"),
                time(m.get("lastActionTime")),
                m.get("toAddress"),
                ApiClient.unb64(m.get("subject")),
                m.get("ackData"));
      }
      return 0;
    }
  }

  @Command(
      name = "pubkey-work",
      mixinStandardHelpOptions = true,
      description =
          "Lists own pubkey publications and getpubkey requests with their state (queued, doingpow, sent,"
              + " dropped).")
  static final class PubkeyWork extends Base {
    @Mixin ApiOptions api;

    @Override
    Integer execute() {
      for (Map<String, Object> m : list(api.client().call("listPubkeyWork"), "pubkeyWork")) {
        out()
            .printf(
                Locale.ROOT,
                "%-9s %-9s %s  %s  (%s)%s%n",
                m.get("kind"),
                m.get("status"),
                time(m.get("lastActionTime")),
                m.get("address"),
                m.get("reason"),
                m.containsKey("detail") ? "  " + m.get("detail") : "");
        if (m.get("trials") instanceof Number trials) {
          out()
              .printf(
                  Locale.ROOT,
                  "    %s  by %s%n",
                  SendProgressLine.line(
                      "doing PoW",
                      trials.doubleValue(),
                      number(m.get("expectedTrials")),
                      number(m.get("trialsPerSecond")),
                      number(m.get("etaSeconds"))),
                  m.get("powBy"));
        }
      }
      return 0;
    }
  }

  private static double number(@Nullable Object o) {
    return o instanceof Number n ? n.doubleValue() : -1;
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Shows the status of a sent message; --watch follows it with a progress bar.")
  static final class Status extends Base {
    @Mixin ApiOptions api;

    @Parameters(index = "0", paramLabel = "ACKDATA")
    String ack;

    @Option(names = "--watch", description = "Follow until nothing more happens.")
    boolean watch;

    @Override
    Integer execute() throws InterruptedException {
      ApiClient client = api.client();
      if (watch) {
        SendWatcher.watch(client, ack, SendWatcher.FINAL, Duration.ofHours(1), out(), "");
      } else {
        out().println(client.call("getStatus", ack));
      }
      return 0;
    }
  }

  /** Prints API, transport and Namecoin failures as one line and exit status 1. */
  static int handle(Exception e, picocli.CommandLine cl) {
    if (e instanceof ApiError a) {
      cl.getErr().println("bm: " + a.formatted());
      return 1;
    }
    if (e instanceof ApiClient.ApiClientException
        || e instanceof NamecoinException
        || e instanceof IllegalArgumentException
        || e instanceof IOException) {
      cl.getErr().println("bm: " + e.getMessage());
      return 1;
    }
    return -1;
  }
}
