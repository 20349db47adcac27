package org.imscore.diameter.peer;

import java.net.InetSocketAddress;
import org.imscore.diameter.codec.DiameterMessage;

/**
 * Sees every Diameter message a {@link DiameterNode} writes to a peer or reads from one (CER/CEA and DWR/DWA
 * included): a passive tap for tracing and demonstrations. It is called on the node's event-loop thread, so it must be
 * quick and must not block; what it throws is logged and otherwise ignored. {@link #NONE} is the default.
 */
@FunctionalInterface
public interface MessageObserver {

    /** Whether the observing node sent or received the message. */
    enum Direction { SENT, RECEIVED }

    /** Observes nothing. */
    MessageObserver NONE = (direction, local, remote, message) -> { };

    /**
     * @param local  the observing node's end of the connection
     * @param remote the peer's end
     */
    void observe(Direction direction, InetSocketAddress local, InetSocketAddress remote, DiameterMessage message);
}
