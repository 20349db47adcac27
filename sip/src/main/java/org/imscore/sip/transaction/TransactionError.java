package org.imscore.sip.transaction;

/** Why a server transaction failed. */
public enum TransactionError {
    /** Timer H: no ACK arrived for a non-2xx final response to INVITE (RFC 3261 §17.2.1). */
    NO_ACK,
    /** The transport could not send a response (RFC 3261 §17.2.4). */
    TRANSPORT_ERROR
}
