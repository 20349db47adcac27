package org.imscore.sip.transport;

import java.util.Objects;
import org.imscore.sip.message.SipMessage;

/**
 * A message as it arrived: what was parsed, where from, and on which of our listening points.
 *
 * <p>Requests arrive with {@code received}/{@code rport} already written into their top Via (RFC 3261
 * §18.2.1, RFC 3581), so a response built from the request finds its way back by its Via alone.
 *
 * @param message the parsed message; it passed the parser's validation of the mandatory headers
 * @param source the remote endpoint it came from (for TCP, the connection's remote address)
 * @param local the listening point it arrived on
 */
public record InboundMessage(SipMessage message, Endpoint source, ListeningPoint local) {

    public InboundMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(local, "local");
    }
}
