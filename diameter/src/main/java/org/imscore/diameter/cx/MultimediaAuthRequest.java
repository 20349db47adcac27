package org.imscore.diameter.cx;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;

/** MAR, S-CSCF to HSS asking for authentication vectors or resynchronising (TS 29.229 6.1.7). */
public record MultimediaAuthRequest(CxRequestHeader header, String userName, String publicIdentity,
                                    SipAuthDataItem authDataItem, long numberAuthItems, String serverName,
                                    List<SupportedFeatures> supportedFeatures) {

    public MultimediaAuthRequest {
        supportedFeatures = List.copyOf(supportedFeatures);
    }

    public DiameterMessage toMessage() {
        DiameterMessage.Builder b = CxMessages.request(CxCommand.MAR, header)
                .add(Avp.utf8(BaseAvps.USER_NAME, userName));
        supportedFeatures.forEach(f -> b.add(f.toAvp()));
        return b.add(Avp.utf8(CxAvps.PUBLIC_IDENTITY, publicIdentity))
                .add(authDataItem.toAvp())
                .add(Avp.unsigned32(CxAvps.SIP_NUMBER_AUTH_ITEMS, numberAuthItems))
                .add(Avp.utf8(CxAvps.SERVER_NAME, serverName))
                .build();
    }

    public static Optional<MultimediaAuthRequest> from(DiameterMessage message) {
        if (CxCommand.of(message).orElse(null) != CxCommand.MAR) {
            return Optional.empty();
        }
        Optional<CxRequestHeader> header = CxRequestHeader.from(message);
        Optional<String> user = message.utf8(BaseAvps.USER_NAME);
        Optional<String> impu = message.utf8(CxAvps.PUBLIC_IDENTITY);
        Optional<Avp> item = message.find(CxAvps.SIP_AUTH_DATA_ITEM);
        OptionalLong count = message.unsigned32(CxAvps.SIP_NUMBER_AUTH_ITEMS);
        Optional<String> server = message.utf8(CxAvps.SERVER_NAME);
        if (header.isEmpty() || user.isEmpty() || impu.isEmpty() || item.isEmpty() || count.isEmpty()
                || server.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MultimediaAuthRequest(header.get(), user.get(), impu.get(),
                SipAuthDataItem.fromAvp(item.get()), count.getAsLong(), server.get(),
                SupportedFeatures.allFrom(message)));
    }
}
