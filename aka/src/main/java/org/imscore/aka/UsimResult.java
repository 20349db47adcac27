package org.imscore.aka;

/** What a USIM answers to a challenge RAND ‖ AUTN (TS 33.102 §6.3.3). */
public sealed interface UsimResult {

    /** The network is authentic and the SQN fresh: RES goes back to the network, CK and IK key the protection. */
    record Authenticated(Octets res, Octets ck, Octets ik, Sqn sqn) implements UsimResult {
    }

    /**
     * XMAC ≠ MAC-A: the challenge was not made with this subscriber's keys. The UE reports an authentication failure
     * (in SIP: no RES and no AUTS).
     */
    record MacFailure(Sqn claimedSqn) implements UsimResult {
    }

    /**
     * MAC-A valid but SQN not acceptable: the UE sends AUTS so the home network can resynchronise
     * (in SIP Digest the {@code auts} parameter, RFC 3310 §3.4).
     */
    record SyncFailure(Auts auts, Sqn sqnMs, Freshness reason) implements UsimResult {
    }
}
