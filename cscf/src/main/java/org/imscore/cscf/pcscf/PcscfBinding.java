package org.imscore.cscf.pcscf;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.Uri;

/**
 * A UE registered through this P-CSCF (TS 24.229 §5.2.2.1 step on 200 OK).
 *
 * @param contact        the contact the UE registered
 * @param source         where its REGISTER came from: later requests must come from there
 * @param publicIdentity the IMPU it registered (To of the REGISTER)
 * @param associatedUris P-Associated-URI of the 200 OK, default identity first
 * @param serviceRoute   Service-Route of the 200 OK, the route of its originating requests (RFC 3608)
 */
public record PcscfBinding(Uri contact, Endpoint source, String publicIdentity, List<String> associatedUris,
                           List<NameAddress> serviceRoute, Instant expiresAt) {

    public PcscfBinding {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(publicIdentity, "publicIdentity");
        associatedUris = List.copyOf(associatedUris);
        serviceRoute = List.copyOf(serviceRoute);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
