package org.imscore.cscf.regevent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reg-event subscriptions a watcher holds (the P-CSCF's, TS 24.229 §5.2.3), by Call-ID and by the public identity
 * watched. Both lookups are constant time: the P-CSCF asks "do I watch this identity?" on every REGISTER 200 and
 * "is this NOTIFY mine?" on every NOTIFY, with one subscription per registered user. An identity's Call-IDs are an
 * immutable list, replaced on change: nearly always one, which a list of one holds in a fraction of a set's heap.
 * Thread-safe.
 */
public final class WatcherSubscriptions {

    private final Map<String, String> identityByCallId = new HashMap<>();
    private final Map<String, List<String>> callIdsByIdentity = new HashMap<>();

    /** Records a subscription (Call-ID unique to it) watching {@code identity}; a known Call-ID moves to it. */
    public synchronized void add(String callId, String identity) {
        remove(callId);
        identityByCallId.put(callId, identity);
        callIdsByIdentity.merge(identity, List.of(callId), (known, one) -> {
            List<String> all = new ArrayList<>(known);
            all.addAll(one);
            return List.copyOf(all);
        });
    }

    /** Forgets a subscription (refused, timed out, terminated); false when there was none. */
    public synchronized boolean remove(String callId) {
        String identity = identityByCallId.remove(callId);
        if (identity == null) {
            return false;
        }
        callIdsByIdentity.computeIfPresent(identity, (i, callIds) -> {
            List<String> rest = callIds.stream().filter(c -> !c.equals(callId)).toList();
            return rest.isEmpty() ? null : rest;
        });
        return true;
    }

    /** Whether {@code callId} is the dialog of one of the subscriptions. */
    public synchronized boolean contains(String callId) {
        return identityByCallId.containsKey(callId);
    }

    /** Whether a subscription watches exactly this identity (as written, no normalisation). */
    public synchronized boolean watches(String identity) {
        return callIdsByIdentity.containsKey(identity);
    }

    public synchronized int size() {
        return identityByCallId.size();
    }
}
