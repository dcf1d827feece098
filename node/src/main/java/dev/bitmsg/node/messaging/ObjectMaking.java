package dev.bitmsg.node.messaging;

import dev.bitmsg.node.wire.ObjectMessage;
import java.util.function.Consumer;

/**
 * How the node's own objects are made and sent: encrypted and signed by the object factory, acks
 * shaped by the ack maker, solved by the PoW worker and handed to the network by {@code publish}.
 * Immutable.
 *
 * @param publish stores a finished object and announces it to the peers
 */
public record ObjectMaking(
    ObjectFactory factory, AckMaker acks, PowWorker pow, Consumer<ObjectMessage> publish) {}
