package org.imscore.diameter.peer;

/** Why a request sent through {@link DiameterNode#send} got no answer. */
public final class DiameterRequestException extends RuntimeException {

    public enum Reason {
        /** No open peer for the Destination-Host or Destination-Realm (RFC 6733 3002 UNABLE_TO_DELIVER). */
        NO_ROUTE,
        /** No answer within {@link PeerTimers#request()}. */
        TIMEOUT,
        /** The connection closed before the answer came. */
        PEER_CLOSED
    }

    private final Reason reason;

    public DiameterRequestException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
