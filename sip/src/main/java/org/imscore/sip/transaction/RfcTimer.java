package org.imscore.sip.transaction;

/**
 * The transaction timers by their RFC 3261 (A-K) and RFC 6026 (L, M) names; see {@link SipTimers}. {@link #TRYING} has
 * no letter: it is the 200 ms of §17.2.1 after which an INVITE server transaction answers 100 Trying itself when its
 * TU has not answered (see {@link TransactionConfig#tryingDelay()}).
 */
enum RfcTimer {
    A, B, C, D, E, F, G, H, I, J, K, L, M, TRYING
}
