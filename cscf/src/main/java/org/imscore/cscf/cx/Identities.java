package org.imscore.cscf.cx;

import java.util.Locale;
import org.imscore.sip.uri.InvalidUriException;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.TelUri;
import org.imscore.sip.uri.Uri;

/**
 * IMS identities (TS 23.003 §13): comparison keys for public identities and the private identity a UE without
 * credentials implies.
 */
public final class Identities {

    private Identities() {
    }

    /**
     * The key under which a public identity is stored and compared: {@code sip:user@host} with the host in lower
     * case and parameters, port and headers dropped (an address-of-record, RFC 3261 §10.3); {@code tel:} with
     * visual separators removed (RFC 3966 §4); any other text as written.
     */
    public static String key(String identity) {
        try {
            return key(Uri.parse(identity.strip()));
        } catch (InvalidUriException e) {
            return identity.strip();
        }
    }

    public static String key(Uri uri) {
        if (uri instanceof SipUri sip) {
            String user = sip.user() == null ? "" : sip.user() + "@";
            return sip.scheme() + ":" + user + sip.host().toLowerCase(Locale.ROOT);
        }
        if (uri instanceof TelUri tel) {
            return "tel:" + tel.digits();
        }
        return uri.toString();
    }

    /**
     * The key of the public identity a Request-URI addresses (TS 24.229 §5.3.2.1, §5.4.3.3): a global number written
     * as SIP ({@code sip:+4912345@host;user=phone}, RFC 3261 §19.1.6) is the {@code tel:} URI of that number, which
     * the HSS holds as a public identity of its owner's implicit set; anything else is its {@link #key(Uri)}.
     */
    public static String routingKey(Uri uri) {
        if (uri instanceof SipUri sip && sip.user() != null && sip.user().startsWith("+")
                && sip.userParameter().filter("phone"::equalsIgnoreCase).isPresent()) {
            try {
                return key(TelUri.parse("tel:" + sip.user()));
            } catch (InvalidUriException e) {
                return key(uri);
            }
        }
        return key(uri);
    }

    /**
     * The IMPI a REGISTER without an Authorization header implies: the user@host of a SIP IMPU (TS 33.203 §6.1.2 and
     * TS 24.229 §5.2.2.1 leave this to the network; it is what the IMPU derived from the IMSI looks like, TS 23.003
     * §13.3-13.4). A tel: IMPU implies none.
     *
     * @throws IllegalArgumentException when no IMPI can be derived
     */
    public static String privateIdentityFrom(Uri impu) {
        if (impu instanceof SipUri sip && sip.user() != null) {
            return sip.user() + "@" + sip.host();
        }
        throw new IllegalArgumentException("no private identity can be derived from " + impu);
    }
}
