package org.imscore.cscf.cx;

import org.imscore.diameter.codec.DiameterMessage;

/** Opens the client's answer decoding to tests of other packages that feed captured answers to the roles. */
public final class DiameterCxClientAccess {

    private DiameterCxClientAccess() {
    }

    public static UserAuthorizationAnswer uaa(DiameterMessage answer) {
        return DiameterCxClient.uaa(answer);
    }
}
