package dev.bitmsg.node.messaging;

import java.time.Clock;

/**
 * The collaborators every part of the sending side shares ({@link OutboxSender}, {@link
 * PubkeyWork}): settings, clock, the observed stores, addressing and object making. Built once by
 * {@link Messenger}. Immutable.
 */
record SendingContext(
    MessagingSettings settings,
    Clock clock,
    MessagingStores stores,
    Addressing addressing,
    ObjectMaking making) {

  long now() {
    return clock.instant().getEpochSecond();
  }
}
