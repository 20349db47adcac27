package org.imscore.testkit.ue;

import java.util.Objects;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;

/** One request the UE sent and the final response it got (a synthetic 408 or 503 when none came). */
public record Exchange(SipRequest request, SipResponse response) {

    public Exchange {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
    }

    public int status() {
        return response.statusCode();
    }
}
