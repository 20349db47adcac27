package org.imscore.sip.transport;

/**
 * Receives every well-formed message the transport layer takes in (the transaction layer, in a stack).
 * Malformed requests never reach it: the transport answers them statelessly with 400 or drops them.
 * Called on a Netty event-loop thread: it must not block.
 */
@FunctionalInterface
public interface InboundHandler {

    void onMessage(InboundMessage inbound);
}
