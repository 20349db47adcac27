package org.imscore.cscf.scscf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.imscore.cscf.cx.Identities;
import org.imscore.sip.message.Contact;
import org.imscore.sip.message.DigestCredentials;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderSyntaxException;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.MalformedHeaderException;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.TelUri;
import org.imscore.sip.uri.Uri;

/**
 * A REGISTER as the registrar reads it (RFC 3261 §10.3 steps 1-7, TS 24.229 §5.4.1.2.1), or the response that
 * refuses it.
 *
 * @param impu               the To URI: the public identity to register
 * @param impi               the Authorization username, or the one the IMPU implies
 * @param credentials        Digest credentials, when the UE sent some
 * @param contacts           each Contact with the expiry granted to it (seconds; 0 = remove)
 * @param removeAll          {@code Contact: *} with Expires 0
 * @param integrityProtected the P-CSCF said the request came over a protected channel (TS 24.229 §5.2.2.1)
 */
record RegisterRequest(SipRequest request, Uri impu, String impuKey, String impi,
                       Optional<DigestCredentials> credentials, List<RequestedContact> contacts, boolean removeAll,
                       List<NameAddress> path, boolean integrityProtected) {

    /** Option tags this registrar implements; any other in Require gets 420 (RFC 3261 §8.2.2.3). */
    static final Set<String> SUPPORTED = Set.of("path");
    private static final Set<String> PROTECTED = Set.of("yes", "tls-yes", "ip-assoc-yes");

    record RequestedContact(Contact contact, long expires) {
    }

    /** Thrown by {@link #read} with the response that ends the request. */
    static final class Rejected extends Exception {
        final SipResponse response;

        Rejected(SipResponse response) {
            super(response.statusCode() + " " + response.reasonPhrase(), null, false, false);
            this.response = response;
        }
    }

    boolean isQuery() {
        return contacts.isEmpty() && !removeAll;
    }

    /** Every named contact is being removed (or all of them with *): a de-registration. */
    boolean isDeregistration() {
        return removeAll || !contacts.isEmpty() && contacts.stream().allMatch(c -> c.expires() == 0);
    }

    static RegisterRequest read(SipRequest request, ScscfConfig config) throws Rejected {
        try {
            return parse(request, config);
        } catch (MalformedHeaderException e) {
            throw new Rejected(SipResponse.forRequest(request, 400, e.reasonPhrase()).build());
        }
    }

    private static RegisterRequest parse(SipRequest request, ScscfConfig config) throws Rejected {
        List<String> unsupported = request.headers(HeaderType.REQUIRE).stream()
                .filter(t -> !SUPPORTED.contains(t.toLowerCase(Locale.ROOT))).toList();
        if (!unsupported.isEmpty()) {
            throw new Rejected(SipResponse.forRequest(request, 420)
                    .add(HeaderNames.UNSUPPORTED, String.join(", ", unsupported)).build());
        }
        Uri impu = request.to().uri();
        if (!(impu instanceof SipUri) && !(impu instanceof TelUri)) {
            throw new Rejected(SipResponse.forRequest(request, 400, "Bad To header").build());
        }
        Optional<DigestCredentials> credentials = request.header(HeaderType.AUTHORIZATION)
                .filter(DigestCredentials::isDigest);
        String impi;
        if (credentials.isPresent() && credentials.get().username() != null
                && !credentials.get().username().isEmpty()) {
            impi = credentials.get().username();
        } else {
            try {
                impi = Identities.privateIdentityFrom(impu);
            } catch (IllegalArgumentException e) {
                throw new Rejected(SipResponse.forRequest(request, 403, "No private identity").build());
            }
        }
        boolean integrityProtected = credentials.flatMap(c -> c.get("integrity-protected"))
                .map(v -> PROTECTED.contains(v.toLowerCase(Locale.ROOT))).orElse(false);

        OptionalExpires headerExpires = new OptionalExpires(request.header(HeaderType.EXPIRES).orElse(null));
        List<Contact> raw = request.contacts();
        boolean wildcard = raw.stream().anyMatch(Contact::isWildcard);
        if (wildcard) {
            // RFC 3261 §10.3 step 6: "*" only alone and only with Expires: 0.
            if (raw.size() != 1 || headerExpires.value == null || headerExpires.value != 0) {
                throw new Rejected(SipResponse.forRequest(request, 400, "Bad Contact header").build());
            }
            return new RegisterRequest(request, impu, Identities.key(impu), impi, credentials, List.of(), true,
                    request.headers(HeaderType.PATH), integrityProtected);
        }
        List<RequestedContact> contacts = new ArrayList<>(raw.size());
        for (Contact c : raw) {
            long asked = c.expires().isPresent() ? c.expires().getAsLong()
                    : headerExpires.value != null ? headerExpires.value : config.defaultExpires();
            try {
                c.q();
            } catch (HeaderSyntaxException e) {
                // The q-value orders the contacts of sequential forking (RFC 3261 §16.6): a bad one is refused.
                throw new Rejected(SipResponse.forRequest(request, 400, "Bad Contact header - " + e.getMessage())
                        .build());
            }
            if (asked != 0 && asked < config.minExpires()) {
                throw new Rejected(SipResponse.forRequest(request, 423)
                        .add(HeaderNames.MIN_EXPIRES, Long.toString(config.minExpires())).build());
            }
            contacts.add(new RequestedContact(c, Math.min(asked, config.maxExpires())));
        }
        return new RegisterRequest(request, impu, Identities.key(impu), impi, credentials, contacts, false,
                request.headers(HeaderType.PATH), integrityProtected);
    }

    private record OptionalExpires(Long value) {
    }
}
