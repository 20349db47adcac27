package org.imscore.diameter.cx;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;

/** PPR, HSS to S-CSCF: a changed profile (TS 29.229 6.1.11). */
public record PushProfileRequest(CxRequestHeader header, String userName, Optional<String> userData,
                                 Optional<Avp> chargingInformation, Optional<SipAuthDataItem> authDataItem) {

    public DiameterMessage toMessage() {
        DiameterMessage.Builder b = CxMessages.request(CxCommand.PPR, header)
                .add(Avp.utf8(BaseAvps.USER_NAME, userName));
        userData.ifPresent(xml -> b.add(Avp.octets(CxAvps.USER_DATA, xml.getBytes(StandardCharsets.UTF_8))));
        chargingInformation.ifPresent(b::add);
        authDataItem.ifPresent(i -> b.add(i.toAvp()));
        return b.build();
    }

    public static Optional<PushProfileRequest> from(DiameterMessage message) {
        if (CxCommand.of(message).orElse(null) != CxCommand.PPR) {
            return Optional.empty();
        }
        Optional<CxRequestHeader> header = CxRequestHeader.from(message);
        Optional<String> user = message.utf8(BaseAvps.USER_NAME);
        if (header.isEmpty() || user.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PushProfileRequest(header.get(), user.get(),
                message.octets(CxAvps.USER_DATA).map(b -> new String(b, StandardCharsets.UTF_8)),
                message.find(CxAvps.CHARGING_INFORMATION),
                message.find(CxAvps.SIP_AUTH_DATA_ITEM).map(SipAuthDataItem::fromAvp)));
    }
}
