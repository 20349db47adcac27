package org.imscore.cscf.ifc;

import java.util.Objects;
import org.imscore.sip.message.SipRequest;

/** What a trigger point is evaluated against: the initial request and the session case the S-CSCF serves it in. */
public record TriggerInput(SipRequest request, SessionCase sessionCase) {

    public TriggerInput {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(sessionCase, "sessionCase");
    }
}
