package org.imscore.cscf.pcscf;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.Uri;

/**
 * A UE registered through this P-CSCF (TS 24.229 §5.2.2.1 step on 200 OK). Immutable, so thread-safe.
 *
 * <p>The P-CSCF holds one per registered UE for the whole registration, so the values are kept in their smallest
 * natural form: the contact as its wire text (parsed when a request is routed to it), the expiry as epoch
 * milliseconds, the Service-Route and source as the instances the registrar shares among the UEs that have
 * equal ones, and no list of associated URIs when the registered identity is the only one (the usual case).
 */
public final class PcscfBinding {

    private final String contact;
    private final Endpoint source;
    private final String publicIdentity;
    /** Null when the associated URIs are just the public identity. */
    private final List<String> associatedUris;
    private final List<NameAddress> serviceRoute;
    private final long expiresAtMillis;

    /**
     * @param contact        the contact the UE registered
     * @param source         where its REGISTER came from: later requests must come from there
     * @param publicIdentity the IMPU it registered (To of the REGISTER)
     * @param associatedUris P-Associated-URI of the 200 OK, default identity first
     * @param serviceRoute   Service-Route of the 200 OK, the route of its originating requests (RFC 3608)
     */
    public PcscfBinding(Uri contact, Endpoint source, String publicIdentity, List<String> associatedUris,
                        List<NameAddress> serviceRoute, Instant expiresAt) {
        this.contact = Objects.requireNonNull(contact, "contact").toString();
        this.source = Objects.requireNonNull(source, "source");
        this.publicIdentity = Objects.requireNonNull(publicIdentity, "publicIdentity");
        List<String> associated = List.copyOf(associatedUris);
        this.associatedUris = associated.size() == 1 && associated.get(0).equals(publicIdentity) ? null : associated;
        this.serviceRoute = List.copyOf(serviceRoute);
        this.expiresAtMillis = Objects.requireNonNull(expiresAt, "expiresAt").toEpochMilli();
    }

    /** The registered contact, parsed from its stored wire text. */
    public Uri contact() {
        return Uri.parse(contact);
    }

    /** The registered contact as its wire text. */
    String contactText() {
        return contact;
    }

    public Endpoint source() {
        return source;
    }

    public String publicIdentity() {
        return publicIdentity;
    }

    public List<String> associatedUris() {
        return associatedUris != null ? associatedUris : List.of(publicIdentity);
    }

    public List<NameAddress> serviceRoute() {
        return serviceRoute;
    }

    public Instant expiresAt() {
        return Instant.ofEpochMilli(expiresAtMillis);
    }

    /** Whether the binding has not expired at {@code now}. */
    public boolean activeAt(Instant now) {
        return expiresAtMillis > now.toEpochMilli();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PcscfBinding b && contact.equals(b.contact) && source.equals(b.source)
                && publicIdentity.equals(b.publicIdentity) && associatedUris().equals(b.associatedUris())
                && serviceRoute.equals(b.serviceRoute) && expiresAtMillis == b.expiresAtMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(contact, source, publicIdentity, expiresAtMillis);
    }

    @Override
    public String toString() {
        return "PcscfBinding[contact=" + contact + ", source=" + source + ", publicIdentity=" + publicIdentity
                + ", associatedUris=" + associatedUris() + ", serviceRoute=" + serviceRoute + ", expiresAt="
                + expiresAt() + "]";
    }
}
