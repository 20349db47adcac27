package org.imscore.sip.proxy;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.imscore.sip.message.HeaderField;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.Via;

/**
 * Branch parameters of forwarded requests and the loop detection built on them (RFC 3261 §16.6 item 8,
 * §16.3 item 4).
 *
 * <p>A stateful branch is {@code z9hG4bK<loop>.<unique>}: the first part is a hash of the fields that decide
 * how the request is routed, the second makes the branch unique per client transaction. When a request comes
 * back carrying one of our Vias whose loop part equals the hash of the request as it arrives now, nothing that
 * matters changed on the way round: a loop (482). A different hash means it was retargeted in between: a
 * spiral, which is legal.
 *
 * <p>The hash covers the Request-URI as received, From tag, To tag, Call-ID, CSeq number, every Route value,
 * Proxy-Require and Proxy-Authorization. §16.6 also lists the topmost Via, but every hop writes a new top Via,
 * so a request could never come back with the same one: with it in the hash no loop would ever be detected.
 *
 * <p>The hash is 64 bits of FNV-1a over the fields' text, finished by a mixing step. RFC 3261 asks for no particular
 * function, and nothing here needs a cryptographic one: a request that is not a loop would be taken for one only if
 * its hash matched the one in our Via by chance, one in 2^64. MD5 cost a copy of the text in octets, a cloned digest
 * and its output for every request forwarded, at every hop.
 */
public final class LoopDetection {

    private static final HexFormat HEX = HexFormat.of();
    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private LoopDetection() {
    }

    /** The loop-detection part for a request as it was received (before any change by this proxy). */
    public static String loopHash(SipRequest received) {
        StringBuilder sb = new StringBuilder(256);
        received.requestUri().appendTo(sb);
        sb.append('\n');
        sb.append(received.from().tag().orElse("")).append('\n');
        sb.append(received.to().tag().orElse("")).append('\n');
        sb.append(received.callId()).append('\n');
        sb.append(received.cseq().number()).append('\n');
        List<HeaderField> fields = received.headerFields();
        for (int i = 0, count = fields.size(); i < count; i++) {
            HeaderField f = fields.get(i);
            String n = f.name();
            if (n.equals(HeaderNames.ROUTE) || n.equals(HeaderNames.PROXY_REQUIRE)
                    || n.equals(HeaderNames.PROXY_AUTHORIZATION)) {
                sb.append(n).append(':').append(f.value()).append('\n');
            }
        }
        return HEX.toHexDigits(hash64(sb));
    }

    /** A fresh branch for one client transaction of a stateful proxy. */
    public static String stateful(String loopHash) {
        return Via.MAGIC_COOKIE + loopHash + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    }

    /**
     * The branch a stateless forward uses (RFC 3261 §16.11): the same for every retransmission of the request,
     * so derived from its top Via branch as well as the loop hash. ACK for a 2xx takes this path.
     */
    public static String stateless(SipRequest received) {
        String loop = loopHash(received);
        String incoming = received.topVia().branch().orElse("") + received.topVia().sentBy()
                + received.cseq().method();
        return Via.MAGIC_COOKIE + loop + "." + HEX.toHexDigits(hash64(incoming));
    }

    /**
     * Whether {@code received} is looping through us (RFC 3261 §16.3 item 4): one of its Vias is ours and
     * carries the loop hash this request has now.
     */
    public static boolean isLoop(SipRequest received, LocalAddresses local) {
        // Most requests carry no Via of ours: the hash is made only for one that does (it is the costly part).
        String prefix = null;
        for (Via via : received.vias()) {
            if (!local.isOurVia(via)) {
                continue;
            }
            if (prefix == null) {
                prefix = Via.MAGIC_COOKIE + loopHash(received) + ".";
            }
            String p = prefix;
            if (via.branch().map(b -> b.startsWith(p)).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /**
     * FNV-1a (64 bits) over the chars of {@code text}, a UTF-16 unit per step, then the finaliser of MurmurHash3, which
     * FNV lacks, so that the low bits depend on the last chars too.
     */
    static long hash64(CharSequence text) {
        long h = FNV_OFFSET_BASIS;
        for (int i = 0, n = text.length(); i < n; i++) {
            h = (h ^ text.charAt(i)) * FNV_PRIME;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe53a86cdL;
        h ^= h >>> 33;
        return h;
    }
}
