package org.imscore.aka;

import java.util.Objects;

/**
 * What the home network keeps per subscriber to run Milenage: the key K, the operator variant OPc and the
 * Authentication Management Field AMF it puts into each AUTN (TS 33.102 §6.3.2, Annex H). {@link #toString()}
 * hides K and OPc so the keys never reach a log.
 */
public record SubscriberKeys(Octets k, Octets opc, Octets amf) {

    public SubscriberKeys {
        Objects.requireNonNull(k, "K").requireLength("K", Milenage.BLOCK);
        Objects.requireNonNull(opc, "OPc").requireLength("OPc", Milenage.BLOCK);
        Objects.requireNonNull(amf, "AMF").requireLength("AMF", Milenage.AMF_LENGTH);
    }

    /** Keys for a subscriber provisioned with OP rather than OPc. */
    public static SubscriberKeys fromOp(Octets k, Octets op, Octets amf) {
        Objects.requireNonNull(k, "K").requireLength("K", Milenage.BLOCK);
        Objects.requireNonNull(op, "OP").requireLength("OP", Milenage.BLOCK);
        return new SubscriberKeys(k, Octets.wrap(Milenage.opc(k.unsafeArray(), op.unsafeArray())), amf);
    }

    /** A Milenage instance for these keys: cheap, the AES ciphers belong to the threads that encrypt. */
    public Milenage milenage() {
        return Milenage.withOpc(k.unsafeArray(), opc.unsafeArray());
    }

    @Override
    public String toString() {
        return "SubscriberKeys[K=hidden, OPc=hidden, AMF=" + amf + "]";
    }
}
