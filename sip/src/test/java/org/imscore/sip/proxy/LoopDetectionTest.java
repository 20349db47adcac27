package org.imscore.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.imscore.sip.message.SipRequest;
import org.junit.jupiter.api.Test;

/**
 * The loop hash (RFC 3261 §16.6 item 8) and the branches built on it: the same for a request that comes back
 * unchanged, different for one changed in a field that routes it (a spiral), and unaffected by what §16.3 leaves
 * out (the top Via, Max-Forwards).
 */
class LoopDetectionTest {

    private static final String HEX16 = "[0-9a-f]{16}";

    @Test
    void theHashIsSixteenHexDigitsAndTheSameForTheSameRoutingFields() {
        SipRequest invite = Wire.invite("sip:bob@example.com", "Route: <sip:192.0.2.10;lr>");
        String hash = LoopDetection.loopHash(invite);

        assertThat(hash).matches(HEX16);
        assertThat(LoopDetection.loopHash(Wire.invite("sip:bob@example.com", "Route: <sip:192.0.2.10;lr>")))
                .isEqualTo(hash);
        // Another hop's Via on top and a lower Max-Forwards: the request that comes round again in a loop.
        SipRequest cameRound = Wire.request(Wire.invite("sip:bob@example.com", "Route: <sip:192.0.2.10;lr>")
                .toString().replace("Max-Forwards: 70", "Max-Forwards: 65")
                .replace("Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKalice1",
                        "Via: SIP/2.0/UDP 192.0.2.99:5060;branch=z9hG4bKother\r\n"
                                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKalice1"));
        assertThat(LoopDetection.loopHash(cameRound)).isEqualTo(hash);
    }

    @Test
    void everyFieldThatRoutesTheRequestChangesTheHash() {
        String base = LoopDetection.loopHash(Wire.invite("sip:bob@example.com", "Route: <sip:192.0.2.10;lr>"));
        Set<String> hashes = new HashSet<>(Set.of(base));
        hashes.add(LoopDetection.loopHash(Wire.invite("sip:bob@192.0.2.7", "Route: <sip:192.0.2.10;lr>")));
        hashes.add(LoopDetection.loopHash(Wire.invite("sip:bob@example.com", "Route: <sip:192.0.2.11;lr>")));
        hashes.add(LoopDetection.loopHash(Wire.invite("sip:bob@example.com")));
        hashes.add(LoopDetection.loopHash(Wire.invite("sip:bob@example.com", "Route: <sip:192.0.2.10;lr>",
                "Proxy-Require: foo")));
        hashes.add(LoopDetection.loopHash(Wire.request(Wire.invite("sip:bob@example.com",
                "Route: <sip:192.0.2.10;lr>").toString().replace("tag=a1", "tag=a2"))));
        hashes.add(LoopDetection.loopHash(Wire.request(Wire.invite("sip:bob@example.com",
                "Route: <sip:192.0.2.10;lr>").toString().replace("call-1@", "call-2@"))));
        hashes.add(LoopDetection.loopHash(Wire.request(Wire.invite("sip:bob@example.com",
                "Route: <sip:192.0.2.10;lr>").toString().replace("CSeq: 1 INVITE", "CSeq: 2 INVITE"))));
        assertThat(hashes).hasSize(8);
    }

    @Test
    void statefulBranchesShareTheLoopPartAndDifferAfterIt() {
        String hash = LoopDetection.loopHash(Wire.invite("sip:bob@example.com"));
        String first = LoopDetection.stateful(hash);
        String second = LoopDetection.stateful(hash);

        assertThat(first).startsWith("z9hG4bK" + hash + ".").isNotEqualTo(second);
        assertThat(second).startsWith("z9hG4bK" + hash + ".");
    }

    @Test
    void aStatelessBranchIsTheSameForEveryRetransmissionAndNewForAnotherTransaction() {
        SipRequest ack = Wire.request(Wire.invite("sip:bob@example.com").toString()
                .replace("INVITE sip:", "ACK sip:").replace("CSeq: 1 INVITE", "CSeq: 1 ACK"));
        String branch = LoopDetection.stateless(ack);

        assertThat(branch).matches("z9hG4bK" + HEX16 + "\\." + HEX16);
        assertThat(LoopDetection.stateless(Wire.request(ack.toString()))).isEqualTo(branch);
        assertThat(LoopDetection.stateless(Wire.request(ack.toString().replace("z9hG4bKalice1", "z9hG4bKalice2"))))
                .isNotEqualTo(branch);
    }

    @Test
    void theHashSpreadsTextsThatDifferInOneChar() {
        Set<Long> seen = new HashSet<>();
        Set<Long> lowBytes = new HashSet<>();
        for (int i = 0; i < 4096; i++) {
            long h = LoopDetection.hash64("sip:user" + i + "@example.com\nA\nB\ncall@host\n1\n");
            seen.add(h);
            lowBytes.add(h & 0xff);
        }
        assertThat(seen).hasSize(4096);
        assertThat(lowBytes).hasSize(256); // with FNV alone, the low bits of texts alike would cluster
        assertThat(LoopDetection.hash64("ab")).isNotEqualTo(LoopDetection.hash64("ba"));
        assertThat(LoopDetection.hash64("\u0100")).isNotEqualTo(LoopDetection.hash64("\u0001"));
    }
}
