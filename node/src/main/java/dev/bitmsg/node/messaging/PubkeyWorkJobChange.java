package dev.bitmsg.node.messaging;

import dev.bitmsg.node.store.PubkeyWorkJob;
import java.util.Optional;

/**
 * A pubkey or getpubkey job entered a new state: the job as it is now and the state it left (empty
 * for a job just queued). Immutable.
 */
public record PubkeyWorkJobChange(PubkeyWorkJob job, Optional<PubkeyWorkJob.State> previous) {}
