package org.imscore.aka;

/**
 * The home network's verdict on a synchronisation failure report RAND ‖ AUTS (TS 33.102 §6.3.5). A bad MAC-S is an
 * ordinary outcome, not an exception: the HSS answers the request and leaves its SQN alone.
 */
public sealed interface ResyncResult {

    /**
     * MAC-S verified.
     *
     * @param sqnMs        the highest SQN the USIM has accepted
     * @param continueFrom the SQN to record as last issued: vectors made with {@link SqnScheme#next} from it are
     *                     fresh for the USIM. Equal to the previous SQN_HE when that was still acceptable,
     *                     otherwise SQN_MS (§6.3.5: "resets SQN_HE to SQN_MS").
     */
    record Resynchronised(Sqn sqnMs, Sqn continueFrom) implements ResyncResult {
    }

    /**
     * MAC-S did not match: AUTS is forged, corrupted or was made with other keys. The stored SQN must not change.
     *
     * @param claimedSqnMs the SQN_MS the AUTS would have carried, for diagnostics only
     */
    record MacMismatch(Sqn claimedSqnMs) implements ResyncResult {
    }
}
