package org.imscore.sip.proxy;

import java.util.List;
import java.util.Optional;
import org.imscore.sip.message.HeaderField;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;

/**
 * Choosing the final response of a response context, RFC 3261 §16.7 steps 6 and 7: the one the proxy sends
 * upstream when no 2xx was forwarded and every branch has ended.
 */
public final class BestResponse {

    /** 4xx codes that tell the client how to retry, preferred within the 4xx class (§16.7 step 6). */
    private static final List<Integer> INFORMATIVE_4XX = List.of(401, 407, 415, 420, 484);

    private BestResponse() {
    }

    /**
     * The response to send for {@code request} given the final responses of every branch, in the order they
     * arrived: any 6xx; else the lowest class, preferring 401, 407, 415, 420 and 484 among 4xx and taking 487
     * last; 408 when there is none. A 503 becomes 500, since the 503 was about the next hop, not about us; a 401
     * or 407 carries the challenges of every 401 and 407 received.
     */
    public static SipResponse choose(SipRequest request, List<SipResponse> finals) {
        Optional<SipResponse> best = finals.stream().filter(r -> r.statusCode() >= 600).findFirst();
        if (best.isEmpty()) {
            best = finals.stream().min((a, b) -> Integer.compare(rank(a), rank(b)));
        }
        if (best.isEmpty()) {
            return SipResponse.forRequest(request, 408).toTag(RequestValidator.newTag()).build();
        }
        SipResponse chosen = best.get();
        if (chosen.statusCode() == 503) {
            return chosen.toBuilder().status(500, "Server Internal Error").build();
        }
        if (chosen.statusCode() == 401 || chosen.statusCode() == 407) {
            return withAllChallenges(chosen, finals);
        }
        return chosen;
    }

    /**
     * Lower is better: by class, then the informative 4xx codes before the others, and 487 after them (it says only
     * that a branch was cancelled, by the caller or by us when a sequential branch ran out of time), then arrival
     * order.
     */
    private static int rank(SipResponse r) {
        int cls = r.statusCode() / 100;
        int within = cls != 4 ? 1 : INFORMATIVE_4XX.contains(r.statusCode()) ? 0 : r.statusCode() == 487 ? 2 : 1;
        return cls * 3 + within;
    }

    /** §16.7 step 7: every WWW-Authenticate and Proxy-Authenticate of every 401/407 goes into the one sent. */
    private static SipResponse withAllChallenges(SipResponse chosen, List<SipResponse> finals) {
        SipResponse.Builder b = chosen.toBuilder();
        boolean added = false;
        for (SipResponse other : finals) {
            if (other == chosen || (other.statusCode() != 401 && other.statusCode() != 407)) {
                continue;
            }
            for (HeaderField f : other.headerFields()) {
                if (f.name().equals(HeaderNames.WWW_AUTHENTICATE) || f.name().equals(HeaderNames.PROXY_AUTHENTICATE)) {
                    b.add(f.name(), f.value());
                    added = true;
                }
            }
        }
        return added ? b.build() : chosen;
    }
}
