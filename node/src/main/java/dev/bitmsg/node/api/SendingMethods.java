package dev.bitmsg.node.api;

import static dev.bitmsg.node.api.ApiMethods.ordered;
import static dev.bitmsg.node.api.ApiMethods.putProgress;
import static dev.bitmsg.node.messaging.SentMessageFields.ackData;

import dev.bitmsg.node.address.AddressCodec;
import dev.bitmsg.node.address.BitmessageAddress;
import dev.bitmsg.node.address.Identity;
import dev.bitmsg.node.messaging.Messenger;
import dev.bitmsg.node.messaging.SentMessageFields;
import dev.bitmsg.node.store.PubkeyWorkJob;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The API calls that queue outgoing work: messages, broadcasts (PyBitmessage's checks on TTL,
 * encoding, length and sender), and the list of own pubkey and getpubkey work. The answer of a send
 * is the row's ackData ({@link SentMessageFields}). Thread-safe (the messaging facade is).
 */
final class SendingMethods {
  static final int MAX_MESSAGE = (1 << 18) - 500;

  private final Messenger messenger;
  private final AddressCodec codec;
  private final AddressArguments addresses;

  SendingMethods(Messenger messenger, AddressCodec codec, AddressArguments addresses) {
    this.messenger = messenger;
    this.codec = codec;
    this.addresses = addresses;
  }

  /** The TTL parameter, else the node's default TTL (PyBitmessage's API: 4 days), clamped. */
  private long ttl(Params p, int index) {
    long ttl = p.integer(index, messenger.defaultTtl());
    return Math.max(3600, Math.min(ttl, 28L * 24 * 3600));
  }

  private static void checkEncoding(long encoding) {
    if (encoding != 2 && encoding != 3) {
      throw new ApiError(6, "The encoding type must be 2 or 3.");
    }
  }

  private static void checkLength(String subject, String body) {
    if (subject.getBytes(StandardCharsets.UTF_8).length
            + body.getBytes(StandardCharsets.UTF_8).length
        > MAX_MESSAGE) {
      throw new ApiError(27, "Message is too long.");
    }
  }

  private Identity sender(String from) {
    String a = addresses.checkedAddress(from);
    Identity id =
        addresses
            .own(a)
            .orElseThrow(
                () -> new ApiError(13, "Could not find your fromAddress in the keys.dat file."));
    if (!id.enabled()) {
      throw new ApiError(14, "Your fromAddress is disabled. Cannot send.");
    }
    return id;
  }

  Object sendMessage(Params p) {
    String to = addresses.checkedAddress(p.string(0));
    String subject = p.text(2, "");
    String body = p.text(3, "");
    checkEncoding(p.integer(4, 2));
    long ttl = ttl(p, 5);
    checkLength(subject, body);
    BitmessageAddress dest = codec.decode(to);
    if (dest.stream() != 1) {
      throw new ApiError(12, "The stream number must be 1. Others aren't supported.");
    }
    Identity from = sender(p.string(1));
    long id = messenger.send(codec.encode(from.address()), to, subject, body, ttl);
    return ackData(messenger.status(id).orElseThrow().entry()).toHex();
  }

  Object sendBroadcast(Params p) {
    String subject = p.text(1, "");
    String body = p.text(2, "");
    checkEncoding(p.integer(3, 2));
    long ttl = ttl(p, 4);
    checkLength(subject, body);
    Identity from = sender(p.string(0));
    long id = messenger.broadcast(codec.encode(from.address()), subject, body, ttl);
    return ackData(messenger.status(id).orElseThrow().entry()).toHex();
  }

  /**
   * Extension (not in PyBitmessage): own pubkey publications and getpubkey requests with their
   * state; the job doing PoW carries its live progress in the fields of getSendProgress (trials,
   * trialsPerSecond, expectedTrials, etaSeconds) and the provider doing the work as powBy.
   */
  Object listPubkeyWork(Params p) {
    return Map.of(
        "pubkeyWork",
        messenger.powJobs(200).stream()
            .map(
                j -> {
                  Map<String, Object> m =
                      ordered(
                          "id",
                          j.id(),
                          "kind",
                          j.kind().name().toLowerCase(Locale.ROOT),
                          "address",
                          j.address(),
                          "status",
                          j.state().wireName(),
                          "reason",
                          j.reason(),
                          "created",
                          j.created(),
                          "lastActionTime",
                          j.stateTime(),
                          "expiresTime",
                          j.expires());
                  Optional<Messenger.Progress> pr =
                      j.state() == PubkeyWorkJob.State.DOING_POW
                          ? messenger.powJobProgress(j.id())
                          : Optional.empty();
                  pr.ifPresent(x -> putProgress(m, x));
                  if (j.powBy().isPresent()) {
                    m.put("powBy", j.powBy().get());
                  } else if (j.state() == PubkeyWorkJob.State.DOING_POW) {
                    m.put("powBy", messenger.powProvider());
                  }
                  j.detail().ifPresent(d -> m.put("detail", d));
                  return m;
                })
            .toList());
  }
}
