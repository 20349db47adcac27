package org.imscore.sip.transaction;

/**
 * The states of the four RFC 3261 §17 machines (with RFC 6026's Accepted); each machine uses a subset:
 *
 * <pre>
 * INVITE client      (§17.1.1, Figure 5; RFC 6026 §7.2)  CALLING, PROCEEDING, COMPLETED, ACCEPTED, TERMINATED
 * non-INVITE client  (§17.1.2, Figure 6)                  TRYING, PROCEEDING, COMPLETED, TERMINATED
 * INVITE server      (§17.2.1, Figure 7; RFC 6026 §7.1)  PROCEEDING, COMPLETED, CONFIRMED, ACCEPTED, TERMINATED
 * non-INVITE server  (§17.2.2, Figure 8)                  TRYING, PROCEEDING, COMPLETED, TERMINATED
 * </pre>
 */
public enum TransactionState {
    CALLING,
    TRYING,
    PROCEEDING,
    COMPLETED,
    CONFIRMED,
    ACCEPTED,
    TERMINATED
}
