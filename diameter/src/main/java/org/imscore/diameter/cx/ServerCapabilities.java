package org.imscore.diameter.cx;

import java.util.ArrayList;
import java.util.List;

import org.imscore.diameter.codec.Avp;

/** Server-Capabilities (TS 29.229 6.3.4): capabilities an S-CSCF must/may have, or S-CSCF names. */
public record ServerCapabilities(List<Long> mandatoryCapabilities, List<Long> optionalCapabilities,
                                 List<String> serverNames) {

    public ServerCapabilities {
        mandatoryCapabilities = List.copyOf(mandatoryCapabilities);
        optionalCapabilities = List.copyOf(optionalCapabilities);
        serverNames = List.copyOf(serverNames);
    }

    public Avp toAvp() {
        List<Avp> members = new ArrayList<>();
        mandatoryCapabilities.forEach(c -> members.add(Avp.unsigned32(CxAvps.MANDATORY_CAPABILITY, c)));
        optionalCapabilities.forEach(c -> members.add(Avp.unsigned32(CxAvps.OPTIONAL_CAPABILITY, c)));
        serverNames.forEach(n -> members.add(Avp.utf8(CxAvps.SERVER_NAME, n)));
        return Avp.grouped(CxAvps.SERVER_CAPABILITIES, members);
    }

    public static ServerCapabilities fromAvp(Avp group) {
        List<Long> mandatory = new ArrayList<>();
        List<Long> optional = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Avp member : group.avps()) {
            if (member.is(CxAvps.MANDATORY_CAPABILITY)) {
                member.unsigned32().ifPresent(mandatory::add);
            } else if (member.is(CxAvps.OPTIONAL_CAPABILITY)) {
                member.unsigned32().ifPresent(optional::add);
            } else if (member.is(CxAvps.SERVER_NAME)) {
                member.utf8().ifPresent(names::add);
            }
        }
        return new ServerCapabilities(mandatory, optional, names);
    }
}
