package org.imscore.sip.transaction;

/** The transaction timers by their RFC 3261 (A-K) and RFC 6026 (L, M) names; see {@link SipTimers}. */
enum RfcTimer {
    A, B, C, D, E, F, G, H, I, J, K, L, M
}
