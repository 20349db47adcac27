package org.imscore.sip.ua;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a user agent supports, as it tells its peers (Allow, Supported, Accept) and checks their requests against
 * (RFC 3261 §8.2).
 *
 * @param supported     option tags we support (Supported; a Require outside it is answered 420, §8.2.2.3)
 * @param accepted      body types we accept ("application/sdp"; others are answered 415 with Accept, §8.2.3)
 * @param uriSchemes    Request-URI schemes we serve (others are answered 416, §8.2.2.1)
 * @param inviteAnswerType the body type our answers to INVITE carry; a request whose Accept excludes it is answered
 *                      406 (RFC 4475 §3.3.15)
 * @param product       the User-Agent/Server header value, or null for none
 */
public record UaConfig(Set<String> supported, List<String> accepted, Set<String> uriSchemes, String inviteAnswerType,
                       String product) {

    /** No extensions, SDP bodies, sip/sips/tel URIs, "imscore" as product. */
    public static final UaConfig DEFAULT = new UaConfig(Set.of(), List.of("application/sdp"),
            Set.of("sip", "sips", "tel"), "application/sdp", "imscore");

    public UaConfig {
        supported = Set.copyOf(supported);
        accepted = List.copyOf(accepted);
        uriSchemes = Set.copyOf(uriSchemes);
        Objects.requireNonNull(inviteAnswerType, "inviteAnswerType");
    }

    public UaConfig withSupported(Set<String> optionTags) {
        return new UaConfig(optionTags, accepted, uriSchemes, inviteAnswerType, product);
    }
}
