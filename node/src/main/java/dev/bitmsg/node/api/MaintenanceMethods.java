package dev.bitmsg.node.api;

import dev.bitmsg.node.store.ClientState;
import dev.bitmsg.node.wire.Bytes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PyBitmessage's two housekeeping calls (PROTOCOL.md section 10), both answering {@code "done"}.
 *
 * <p>{@code deleteAndVacuum}: trashed inbox messages and trashed sent messages are deleted from the
 * node's database, the inbox marks from {@code api.db}, and both files are vacuumed, as
 * PyBitmessage deletes every trashed row. Trashing already took a sent row away from the sender;
 * only a row whose cancelled proof of work is still winding down stays for a later call.
 *
 * <p>{@code shutdown}: hands the process's clean stop (networking, API, store) to the owner of the
 * process once the reply is out; an API started without one (tests, the demo) refuses the call.
 *
 * <p>Thread-safe (the stores are).
 */
final class MaintenanceMethods {
  private static final Logger log = LoggerFactory.getLogger(MaintenanceMethods.class);
  private static final HexFormat HEX = HexFormat.of();

  private final ApiPorts.Maintenance node;
  private final ClientState state;

  MaintenanceMethods(ApiPorts.Maintenance node, ClientState state) {
    this.node = node;
    this.state = state;
  }

  String deleteAndVacuum() {
    Set<String> trashedInbox = state.trashedInbox();
    List<Bytes> sigHashes = new ArrayList<>();
    for (String msgid : trashedInbox) {
      try {
        sigHashes.add(Bytes.of(HEX.parseHex(msgid)));
      } catch (IllegalArgumentException e) {
        // a mark for an id that was never a message: dropped with the others below
      }
    }
    int inbox = node.inbox().delete(sigHashes);
    Set<Long> sent = node.outbox().deleteTrashed();
    state.forget(trashedInbox);
    node.nodeDatabase().vacuum();
    state.vacuum();
    log.info("api deleteAndVacuum done inbox={} sent={}", inbox, sent.size());
    return "done";
  }

  AfterReply shutdown() {
    Runnable stop =
        node.shutdown()
            .orElseThrow(
                () ->
                    new ApiError(
                        21,
                        "Unexpected API Failure - shutdown is not available: this API does not own the node process"));
    log.info("api shutdown requested");
    return new AfterReply("done", stop);
  }
}
