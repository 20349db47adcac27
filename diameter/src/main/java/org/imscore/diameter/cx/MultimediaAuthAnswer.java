package org.imscore.diameter.cx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;

/**
 * MAA, HSS to S-CSCF (TS 29.229 6.1.8). Kamailio needs User-Name and Public-Identity also in error
 * answers (cx-interop), so both are fields here rather than left to the caller.
 */
public record MultimediaAuthAnswer(CxResult result, Optional<String> userName, Optional<String> publicIdentity,
                                   OptionalLong numberAuthItems, List<SipAuthDataItem> authDataItems) {

    public MultimediaAuthAnswer {
        authDataItems = List.copyOf(authDataItems);
    }

    public DiameterMessage toMessage(DiameterMessage request, String originHost, String originRealm) {
        DiameterMessage.Builder b = CxMessages.answer(request, result, originHost, originRealm);
        userName.ifPresent(u -> b.add(Avp.utf8(BaseAvps.USER_NAME, u)));
        publicIdentity.ifPresent(p -> b.add(Avp.utf8(CxAvps.PUBLIC_IDENTITY, p)));
        numberAuthItems.ifPresent(n -> b.add(Avp.unsigned32(CxAvps.SIP_NUMBER_AUTH_ITEMS, n)));
        authDataItems.forEach(item -> b.add(item.toAvp()));
        return CxMessages.finish(b, request);
    }

    public static Optional<MultimediaAuthAnswer> from(DiameterMessage message) {
        if (CxCommand.of(message).orElse(null) != CxCommand.MAA) {
            return Optional.empty();
        }
        return CxResult.from(message).map(result -> new MultimediaAuthAnswer(result,
                message.utf8(BaseAvps.USER_NAME), message.utf8(CxAvps.PUBLIC_IDENTITY),
                message.unsigned32(CxAvps.SIP_NUMBER_AUTH_ITEMS), authDataItems(message)));
    }

    private static List<SipAuthDataItem> authDataItems(DiameterMessage message) {
        List<Avp> groups = message.findAll(CxAvps.SIP_AUTH_DATA_ITEM);
        List<SipAuthDataItem> items = new ArrayList<>(groups.size());
        for (Avp group : groups) {
            items.add(SipAuthDataItem.fromAvp(group));
        }
        return items;
    }
}
