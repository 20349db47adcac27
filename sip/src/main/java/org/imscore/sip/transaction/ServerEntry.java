package org.imscore.sip.transaction;

import java.util.Optional;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.transport.InboundMessage;

/**
 * What the layer's table of server transactions holds: a live transaction, or the compact record of one that only
 * waits out its timer ({@link CompletedServerTransaction}). Both match requests the same way.
 */
interface ServerEntry extends ServerTransaction {

    /** A request matched to this transaction (§17.2.3): a retransmission, or (INVITE) the ACK. */
    void receive(SipRequest request, InboundMessage inbound);

    /** The fields an RFC 2543 request is matched by (§17.2.3), or null when the branch has the magic cookie. */
    Rfc2543Key rfc2543();

    /** The To tag of the last response sent (an RFC 2543 ACK is matched by it). */
    Optional<String> responseToTag();
}
