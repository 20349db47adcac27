package org.imscore.sip.transport;

import org.imscore.sip.codec.SipSerializer;
import org.imscore.sip.message.SipMessage;

/**
 * What {@link NettySipTransport} writes: the octets, and the message they encode when the caller had it (an
 * {@link EncodedMessage} is parsed back only for a {@link MessageObserver}, or for an error message's start line).
 */
record Outgoing(byte[] bytes, SipMessage parsed, EncodedMessage encoded) {

    static Outgoing of(SipMessage message) {
        return new Outgoing(SipSerializer.serialize(message), message, null);
    }

    static Outgoing of(EncodedMessage message) {
        return new Outgoing(message.octets(), null, message);
    }

    SipMessage message() {
        return parsed != null ? parsed : encoded.decode();
    }

    String startLine() {
        return parsed != null ? parsed.startLine() : encoded.startLine();
    }
}
