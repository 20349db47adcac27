package org.imscore.sip.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 */
public final class LoopDetection {

    private static final HexFormat HEX = HexFormat.of();
    /** A digest to clone: {@code MessageDigest.getInstance} searches the security providers on every call. */
    private static final MessageDigest MD5 = newMd5();

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
        return HEX.formatHex(md5(sb), 0, 8);
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
        return Via.MAGIC_COOKIE + loop + "." + HEX.formatHex(md5(incoming), 0, 8);
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

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }

    private static byte[] md5(CharSequence text) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) MD5.clone();
        } catch (CloneNotSupportedException e) {
            digest = newMd5();
        }
        return digest.digest(utf8(text));
    }

    /**
     * The UTF-8 octets of {@code text}: ASCII (as SIP headers nearly always are) is copied a char per octet without a
     * string in between; anything else goes through {@code String.getBytes}. A hash is made per forwarded request.
     */
    private static byte[] utf8(CharSequence text) {
        byte[] octets = new byte[text.length()];
        for (int i = 0; i < octets.length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return text.toString().getBytes(StandardCharsets.UTF_8);
            }
            octets[i] = (byte) c;
        }
        return octets;
    }
}
