package org.imscore.diameter.cx;

import java.util.Optional;

import org.imscore.diameter.codec.DiameterMessage;

/** The twelve Cx/Dx messages: command code and direction (TS 29.229 table 6.1.1). */
public enum CxCommand {
    UAR(Cx.USER_AUTHORIZATION, true), UAA(Cx.USER_AUTHORIZATION, false),
    SAR(Cx.SERVER_ASSIGNMENT, true), SAA(Cx.SERVER_ASSIGNMENT, false),
    LIR(Cx.LOCATION_INFO, true), LIA(Cx.LOCATION_INFO, false),
    MAR(Cx.MULTIMEDIA_AUTH, true), MAA(Cx.MULTIMEDIA_AUTH, false),
    RTR(Cx.REGISTRATION_TERMINATION, true), RTA(Cx.REGISTRATION_TERMINATION, false),
    PPR(Cx.PUSH_PROFILE, true), PPA(Cx.PUSH_PROFILE, false);

    private final int code;
    private final boolean request;

    CxCommand(int code, boolean request) {
        this.code = code;
        this.request = request;
    }

    public int code() {
        return code;
    }

    public boolean isRequest() {
        return request;
    }

    /** Which Cx message this is, empty for other applications or commands. */
    public static Optional<CxCommand> of(DiameterMessage message) {
        if (message.applicationId() != Cx.APPLICATION_ID) {
            return Optional.empty();
        }
        for (CxCommand c : values()) {
            if (c.code == message.commandCode() && c.request == message.isRequest()) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
