package org.imscore.cscf.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.imscore.cscf.TestMessages;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

class IcscfServerTest {

    private static final SipRequest INVITE = (SipRequest) TestMessages.text("""
            INVITE sip:bob@ims.example.org SIP/2.0
            Via: SIP/2.0/UDP 127.0.0.1:6060;branch=z9hG4bK-s1
            Max-Forwards: 68
            From: <sip:alice@ims.example.org>;tag=a1
            To: <sip:bob@ims.example.org>
            Call-ID: c1@example
            CSeq: 10 INVITE
            Content-Length: 0

            """);

    @Test
    void aRefusalOfTheIcscfCarriesAToTag() {
        SipResponse refused = IcscfServer.withToTag(SipResponse.forRequest(INVITE, 480, "Temporarily Unavailable")
                .build());

        assertThat(refused.to().tag()).hasValueSatisfying(tag -> assertThat(tag).isNotBlank());
        assertThat(refused.statusCode()).isEqualTo(480);
        assertThat(refused.callId()).isEqualTo("c1@example");
    }

    @Test
    void aTagAlreadyThereIsKept() {
        SipResponse tagged = SipResponse.forRequest(INVITE, 404, "Not Found").toTag("t9").build();

        assertThat(IcscfServer.withToTag(tagged).to().tag()).contains("t9");
    }

    @Test
    void aTryingGetsNoTag() {
        assertThat(IcscfServer.withToTag(SipResponse.forRequest(INVITE, 100).build()).to().tag()).isEmpty();
    }
}
