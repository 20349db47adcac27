package org.imscore.sip.ua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.imscore.sip.message.MalformedHeaderException;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.transaction.Wire;
import org.imscore.sip.uri.Uri;
import org.junit.jupiter.api.Test;

/** Dialog state and in-dialog requests (RFC 3261 §12). */
class DialogTest {

    private final SipRequest invite = Wire.request(
            "INVITE sip:bob@example.com SIP/2.0",
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-d1",
            "Record-Route: <sip:p1.example.com;lr>",
            "Record-Route: <sip:p2.example.com;lr>",
            "Max-Forwards: 70",
            "From: \"Alice\" <sip:alice@example.net>;tag=a1",
            "To: <sip:bob@example.com>",
            "Call-ID: dialog-1",
            "CSeq: 41 INVITE",
            "Contact: <sip:alice@192.0.2.10:5060>",
            "Content-Length: 0");

    @Test
    void uasDialogKeepsTheRecordRouteOrder() {
        Dialog d = Dialog.asUas(invite, "b1");
        assertThat(d.callId()).isEqualTo("dialog-1");
        assertThat(d.localTag()).isEqualTo("b1");
        assertThat(d.remoteTag()).isEqualTo("a1");
        assertThat(d.remoteSeq()).isEqualTo(41);
        assertThat(d.localSeq()).isEqualTo(-1);
        assertThat(d.remoteTarget()).hasToString("sip:alice@192.0.2.10:5060");
        assertThat(d.routeSet()).extracting(r -> r.uri().toString())
                .containsExactly("sip:p1.example.com;lr", "sip:p2.example.com;lr");
        assertThat(d.nextHopUri()).hasToString("sip:p1.example.com;lr");

        Dialog.Next bye = d.nextRequest("BYE");
        SipRequest request = bye.request().add("Via", "SIP/2.0/UDP 192.0.2.20;branch=z9hG4bK-x").build();
        assertThat(request.cseq().number()).isEqualTo(1);
        assertThat(request.from().tag()).contains("b1");
        assertThat(request.from().uri()).hasToString("sip:bob@example.com");
        assertThat(request.to().tag()).contains("a1");
        assertThat(request.to().displayName()).isEqualTo("Alice");
        assertThat(request.requestUri()).hasToString("sip:alice@192.0.2.10:5060");
        assertThat(request.maxForwards()).contains(70);
        assertThat(bye.dialog().nextRequest("INFO").dialog().localSeq()).isEqualTo(2);
        assertThat(d.withRemoteSeq(42).remoteSeq()).isEqualTo(42);
    }

    @Test
    void strictRouterPutsTheRemoteTargetLast() {
        Dialog d = new Dialog("c", "l", "r", 5, 1, NameAddress.parse("<sip:a@x>"), NameAddress.parse("<sip:b@y>"),
                Uri.parse("sip:b@192.0.2.9"), List.of(NameAddress.parse("<sip:strict.example.com>"),
                NameAddress.parse("<sip:next.example.com;lr>")));
        SipRequest bye = d.nextRequest("BYE").request().add("Via", "SIP/2.0/UDP h;branch=z9hG4bK-s").build();
        assertThat(bye.requestUri()).hasToString("sip:strict.example.com");
        assertThat(bye.routes()).extracting(r -> r.uri().toString())
                .containsExactly("sip:next.example.com;lr", "sip:b@192.0.2.9");
        assertThat(bye.cseq().number()).isEqualTo(6);
    }

    @Test
    void aDialogNeedsAContactAndTags() {
        SipRequest noContact = invite.toBuilder().remove("Contact").build();
        assertThatThrownBy(() -> Dialog.asUas(noContact, "b1")).isInstanceOf(MalformedHeaderException.class)
                .hasMessageContaining("Contact");
        var untagged = org.imscore.sip.message.SipResponse.forRequest(invite, 200).add("Contact", "<sip:b@h>").build();
        assertThatThrownBy(() -> Dialog.asUac(invite, untagged)).isInstanceOf(MalformedHeaderException.class)
                .hasMessageContaining("To");
    }

    @Test
    void nextHopsFollowTheUri() {
        assertThat(NextHops.of(Uri.parse("sip:p1@192.0.2.1"))).hasToString("UDP:192.0.2.1:5060");
        assertThat(NextHops.of(Uri.parse("sip:192.0.2.1:6060;transport=TCP;lr"))).hasToString("TCP:192.0.2.1:6060");
        assertThat(NextHops.of(Uri.parse("sip:x@host.invalid;maddr=127.0.0.2"))).hasToString("UDP:127.0.0.2:5060");
        assertThat(NextHops.of(Uri.parse("sip:[::1]:5070"))).hasToString("UDP:0:0:0:0:0:0:0:1:5070");
        assertThatThrownBy(() -> NextHops.of(Uri.parse("tel:+123"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NextHops.of(Uri.parse("sip:a@b;transport=sctp")))
                .hasMessageContaining("sctp");
    }
}
