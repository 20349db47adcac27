package org.imscore.sip.transaction;

import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;

/** The responses a client transaction makes up for its TU when no real one can come. */
final class SyntheticResponses {

    private SyntheticResponses() {
    }

    /** Timer B or F fired: the TU acts as on a 408 (§17.1.1.2, §17.1.2.2, §16.7 step 2 for proxies). */
    static SipResponse timeout(SipRequest request) {
        return SipResponse.forRequest(request, 408, "Request Timeout").build();
    }

    /** The request could not be sent: the TU acts as on a 503 (§8.1.3.1, §17.1.4). */
    static SipResponse unavailable(SipRequest request) {
        return SipResponse.forRequest(request, 503, "Service Unavailable").build();
    }
}
