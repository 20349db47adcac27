package org.imscore.testkit.ue;

import java.util.Objects;
import java.util.Optional;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.ua.Dialog;

/**
 * An INVITE the UE received and how it answered it: with {@link UeConfig#autoAnswer()} 180 then 200 with SDP (and
 * the UAS dialog), otherwise 486.
 */
public record IncomingCall(SipRequest invite, int answeredWith, Optional<Dialog> dialog) {

    public IncomingCall {
        Objects.requireNonNull(invite, "invite");
        Objects.requireNonNull(dialog, "dialog");
    }
}
