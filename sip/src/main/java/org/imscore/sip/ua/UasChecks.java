package org.imscore.sip.ua;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.imscore.sip.codec.SipParseError;
import org.imscore.sip.codec.SipValidator;
import org.imscore.sip.message.HeaderField;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.MediaType;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.uri.Uri;

/**
 * The checks a UAS makes before it processes a request (RFC 3261 §8.2), in the RFC's order; the first that fails
 * gives the response. The parser has already rejected requests missing or repeating the mandatory headers.
 *
 * <ol>
 *   <li>400 when a header the request relies on does not parse (reason names the header), or an INVITE from an
 *       RFC 3261 client has no Contact (§8.1.1.8; RFC 2543 did not require it, RFC 4475 §3.4.1);</li>
 *   <li>405 with Allow for a method we do not implement (§8.2.1);</li>
 *   <li>416 for a Request-URI scheme we do not serve (§8.2.2.1), and for a REGISTER whose To is not a sip, sips or
 *       tel URI (it cannot be an address-of-record, RFC 4475 §3.3.4);</li>
 *   <li>420 with Unsupported for Require option tags we do not support (§8.2.2.3; never for ACK or CANCEL);</li>
 *   <li>415 with Accept-Encoding for a content coding we do not apply, 415 with Accept for a body type we do not
 *       understand (§8.2.3);</li>
 *   <li>406 for an INVITE whose Accept excludes the body type of our answer (§21.4.7).</li>
 * </ol>
 */
public final class UasChecks {

    private UasChecks() {
    }

    /** The error response to answer {@code request} with (no To tag yet), or empty when it may be processed. */
    public static Optional<SipResponse.Builder> check(SipRequest request, Set<String> allowedMethods, UaConfig config) {
        Optional<SipParseError> malformed = SipValidator.strict(request);
        if (malformed.isPresent()) {
            return Optional.of(SipResponse.forRequest(request, 400, malformed.get().reasonPhrase()));
        }
        if (request.isMethod(SipRequest.INVITE) && !request.hasHeader(HeaderNames.CONTACT)
                && request.topVia().hasRfc3261Branch()) {
            return Optional.of(SipResponse.forRequest(request, 400, "Missing Contact header"));
        }
        if (!allowedMethods.contains(request.method())) {
            return Optional.of(SipResponse.forRequest(request, 405)
                    .add(HeaderNames.ALLOW, String.join(", ", allowedMethods)));
        }
        if (!config.uriSchemes().contains(request.requestUri().scheme())) {
            return Optional.of(SipResponse.forRequest(request, 416));
        }
        if (request.isMethod(SipRequest.REGISTER) && !isAddressOfRecord(request.to().uri())) {
            return Optional.of(SipResponse.forRequest(request, 416));
        }
        if (!request.isMethod(SipRequest.ACK) && !request.isMethod(SipRequest.CANCEL)) {
            List<String> unsupported = new ArrayList<>();
            for (String tag : request.headers(HeaderType.REQUIRE)) {
                if (!config.supported().contains(tag) && !unsupported.contains(tag)) {
                    unsupported.add(tag);
                }
            }
            if (!unsupported.isEmpty()) {
                return Optional.of(SipResponse.forRequest(request, 420)
                        .add(HeaderNames.UNSUPPORTED, String.join(", ", unsupported)));
            }
        }
        if (request.bodyLength() > 0) {
            for (HeaderField encoding : request.headerFields(HeaderNames.CONTENT_ENCODING)) {
                for (String coding : encoding.values()) {
                    if (!coding.equalsIgnoreCase("identity")) {
                        return Optional.of(SipResponse.forRequest(request, 415)
                                .add("Accept-Encoding", "identity"));
                    }
                }
            }
            String type = request.contentType().map(UasChecks::typeOf).orElse("application/sdp");
            if (!config.accepted().contains(type)) {
                return Optional.of(SipResponse.forRequest(request, 415)
                        .add(HeaderNames.ACCEPT, String.join(", ", config.accepted())));
            }
        }
        if (request.isMethod(SipRequest.INVITE) && !accepts(request, config.inviteAnswerType())) {
            return Optional.of(SipResponse.forRequest(request, 406));
        }
        return Optional.empty();
    }

    private static boolean isAddressOfRecord(Uri uri) {
        String scheme = uri.scheme();
        return scheme.equals("sip") || scheme.equals("sips") || scheme.equals("tel");
    }

    private static String typeOf(MediaType type) {
        return (type.type() + "/" + type.subtype()).toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the request's Accept admits {@code type} (§20.1: no Accept means application/sdp; wildcards and
     * {@code q=0} honoured).
     */
    static boolean accepts(SipRequest request, String type) {
        List<HeaderField> fields = request.headerFields(HeaderNames.ACCEPT);
        if (fields.isEmpty()) {
            return type.equals("application/sdp");
        }
        String major = type.substring(0, type.indexOf('/'));
        for (HeaderField f : fields) {
            for (String range : f.values()) {
                String[] parts = range.split(";");
                String media = parts[0].strip().toLowerCase(Locale.ROOT);
                if (media.isEmpty()) {
                    continue; // an empty Accept accepts no body at all
                }
                boolean refused = false;
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i].strip().toLowerCase(Locale.ROOT).replace(" ", "");
                    refused |= p.equals("q=0") || p.equals("q=0.0") || p.equals("q=0.00") || p.equals("q=0.000");
                }
                if (!refused && (media.equals("*/*") || media.equals(type) || media.equals(major + "/*"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
