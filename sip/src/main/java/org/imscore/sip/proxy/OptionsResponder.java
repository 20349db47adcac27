package org.imscore.sip.proxy;

import java.util.List;
import java.util.Set;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;

/**
 * The proxy's answer to an OPTIONS addressed to itself (RFC 3261 §11.2): 200 with the methods it handles and
 * the option tags it supports, so a peer or a monitoring probe learns what it can send through us.
 *
 * @param supportedExtensions option tags for the Supported header field (left out when there are none)
 */
public record OptionsResponder(Set<String> supportedExtensions) {

    /** Every method a stateful proxy forwards; it needs to understand none of them beyond §16. */
    public static final List<String> ALLOW = List.of(SipRequest.INVITE, SipRequest.ACK, SipRequest.CANCEL,
            SipRequest.BYE, SipRequest.OPTIONS, SipRequest.REGISTER, SipRequest.SUBSCRIBE, SipRequest.NOTIFY,
            SipRequest.PRACK, SipRequest.UPDATE, SipRequest.INFO, SipRequest.MESSAGE, SipRequest.REFER,
            SipRequest.PUBLISH);

    public OptionsResponder {
        supportedExtensions = Set.copyOf(supportedExtensions);
    }

    public SipResponse answer(SipRequest options) {
        SipResponse.Builder b = SipResponse.forRequest(options, 200).toTag(RequestValidator.newTag())
                .add(HeaderNames.ALLOW, String.join(", ", ALLOW));
        if (!supportedExtensions.isEmpty()) {
            b.add(HeaderNames.SUPPORTED, String.join(", ", supportedExtensions.stream().sorted().toList()));
        }
        return b.add(HeaderNames.ACCEPT, "application/sdp").build();
    }
}
