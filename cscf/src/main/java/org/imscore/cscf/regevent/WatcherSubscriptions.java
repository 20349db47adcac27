package org.imscore.cscf.regevent;

import java.util.HashMap;
import java.util.Map;
import org.imscore.cscf.state.OneOrMoreIndex;

/**
 * The reg-event subscriptions a watcher holds (the P-CSCF's, TS 24.229 §5.2.3), by Call-ID and by the public identity
 * watched. Both lookups are constant time: the P-CSCF asks "do I watch this identity?" on every REGISTER 200 and
 * "is this NOTIFY mine?" on every NOTIFY, with one subscription per registered user. An identity nearly always has
 * one Call-ID, which the identity index then holds without a list. Thread-safe.
 */
public final class WatcherSubscriptions {

    private final Map<String, String> identityByCallId = new HashMap<>();
    private final OneOrMoreIndex<String, String> callIdsByIdentity = new OneOrMoreIndex<>();

    /** Records a subscription (Call-ID unique to it) watching {@code identity}; a known Call-ID moves to it. */
    public synchronized void add(String callId, String identity) {
        remove(callId);
        identityByCallId.put(callId, identity);
        callIdsByIdentity.add(identity, callId);
    }

    /** Forgets a subscription (refused, timed out, terminated); false when there was none. */
    public synchronized boolean remove(String callId) {
        String identity = identityByCallId.remove(callId);
        if (identity == null) {
            return false;
        }
        callIdsByIdentity.remove(identity, callId);
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
