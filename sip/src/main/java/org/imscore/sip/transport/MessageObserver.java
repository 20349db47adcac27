package org.imscore.sip.transport;

import java.net.InetSocketAddress;
import org.imscore.sip.message.SipMessage;

/**
 * Sees every message a {@link NettySipTransport} puts on the wire or takes off it, after parsing (received) or just
 * before writing (sent): a passive tap for tracing and demonstrations, like a capture but without privileges. It is
 * called on the transport's event-loop threads, so it must be quick and must not block; what it throws is logged and
 * otherwise ignored. {@link #NONE}, the default, costs one call to an empty method.
 */
@FunctionalInterface
public interface MessageObserver {

    /** Whether the observing transport sent or received the message. */
    enum Direction { SENT, RECEIVED }

    /** Observes nothing. */
    MessageObserver NONE = (direction, transport, local, remote, message) -> { };

    /**
     * @param transport the transport the message travelled over
     * @param local     the observing transport's socket address
     * @param remote    the peer's address
     */
    void observe(Direction direction, Transport transport, InetSocketAddress local, InetSocketAddress remote,
                 SipMessage message);
}
