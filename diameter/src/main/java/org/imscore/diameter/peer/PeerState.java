package org.imscore.diameter.peer;

/**
 * Peer connection states of RFC 6733 section 5.6. {@code WAIT_CER} is the time between accepting a
 * connection and reading its CER, which the RFC folds into the R-Conn-CER event.
 */
public enum PeerState {
    CLOSED, WAIT_CONN_ACK, WAIT_I_CEA, WAIT_CER, I_OPEN, R_OPEN, CLOSING;

    public boolean isOpen() {
        return this == I_OPEN || this == R_OPEN;
    }
}
