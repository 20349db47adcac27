package org.imscore.cscf.ifc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.imscore.cscf.TestMessages;
import org.imscore.sip.message.SipRequest;
import org.junit.jupiter.api.Test;

class IfcEvaluatorTest {

    private static final String INVITE = """
            INVITE sip:bob@ims.example.org;user=phone SIP/2.0
            Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1
            Max-Forwards: 70
            From: <sip:alice@ims.example.org>;tag=a1
            To: <sip:bob@ims.example.org>
            Call-ID: c1@127.0.0.1
            CSeq: 1 INVITE
            Contact: <sip:alice@127.0.0.1:5070>
            Accept-Contact: *;+g.3gpp.icsi-ref="urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel"
            k: 100rel
            Content-Type: application/sdp
            Content-Length: 99

            v=0
            o=- 1 1 IN IP4 127.0.0.1
            s=-
            c=IN IP4 127.0.0.1
            t=0 0
            m=audio 4000 RTP/AVP 0
            a=sendrecv
            """;

    private static final String MESSAGE = """
            MESSAGE sip:bob@ims.example.org SIP/2.0
            Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-2
            Max-Forwards: 70
            From: <sip:alice@ims.example.org>;tag=a2
            To: <sip:bob@ims.example.org>
            Call-ID: c2@127.0.0.1
            CSeq: 1 MESSAGE
            Content-Type: text/plain
            Content-Length: 5

            hello""";

    private static SipRequest request(String text) {
        return (SipRequest) TestMessages.text(text);
    }

    private static TriggerInput invite(SessionCase c) {
        return new TriggerInput(request(INVITE), c);
    }

    private static TriggerInput message(SessionCase c) {
        return new TriggerInput(request(MESSAGE), c);
    }

    private static Spt spt(int group, Spt.Condition condition) {
        return new Spt(false, group, condition);
    }

    private static Spt not(int group, Spt.Condition condition) {
        return new Spt(true, group, condition);
    }

    private static Spt.Condition method(String m) {
        return new Spt.MethodIs(m);
    }

    private static Spt.Condition header(String name, String content) {
        return new Spt.HeaderMatches(name, Optional.ofNullable(content).map(c -> Spt.regex("test", c)));
    }

    private static Spt.Condition sdp(String line, String content) {
        return new Spt.SdpLineMatches(line, Optional.ofNullable(content).map(c -> Spt.regex("test", c)));
    }

    private static boolean dnf(TriggerInput in, Spt... spts) {
        return new TriggerPoint(false, List.of(spts)).matches(in);
    }

    private static boolean cnf(TriggerInput in, Spt... spts) {
        return new TriggerPoint(true, List.of(spts)).matches(in);
    }

    private static FilterCriterion criterion(int priority, String as, Spt... spts) {
        return new FilterCriterion(priority, Optional.of(new TriggerPoint(false, List.of(spts))),
                new ApplicationServer(as, DefaultHandling.SESSION_CONTINUED, Optional.empty()));
    }

    @Test
    void methodIsCaseSensitive() {
        TriggerInput in = invite(SessionCase.ORIGINATING);
        assertThat(dnf(in, spt(0, method("INVITE")))).isTrue();
        assertThat(dnf(in, spt(0, method("invite")))).isFalse();
        assertThat(dnf(in, spt(0, method("MESSAGE")))).isFalse();
        assertThat(dnf(message(SessionCase.ORIGINATING), spt(0, method("MESSAGE")))).isTrue();
    }

    @Test
    void requestUriIsSearchedAsWritten() {
        TriggerInput in = invite(SessionCase.ORIGINATING);
        assertThat(dnf(in, spt(0, new Spt.RequestUriMatches(Spt.regex("t", "bob@ims\\.example\\.org"))))).isTrue();
        assertThat(dnf(in, spt(0, new Spt.RequestUriMatches(Spt.regex("t", "user=phone$"))))).isTrue();
        assertThat(dnf(in, spt(0, new Spt.RequestUriMatches(Spt.regex("t", "^sip:alice@"))))).isFalse();
    }

    @Test
    void headerPresenceAndContentMatchByAnyNameForm() {
        TriggerInput in = invite(SessionCase.ORIGINATING);
        assertThat(dnf(in, spt(0, header("Accept-Contact", null)))).isTrue();
        assertThat(dnf(in, spt(0, header("accept-contact", "3gpp-service\\.ims\\.icsi\\.mmtel")))).isTrue();
        assertThat(dnf(in, spt(0, header("Accept-Contact", "icsi\\.chat")))).isFalse();
        // "k" is the compact form of Supported
        assertThat(dnf(in, spt(0, header("Supported", "100rel")))).isTrue();
        assertThat(dnf(in, spt(0, header("P-Asserted-Identity", null)))).isFalse();
    }

    @Test
    void sessionCaseComparesTheServedCase() {
        Spt terminating = spt(0, new Spt.SessionCaseIs(SessionCase.TERMINATING_REGISTERED));
        assertThat(dnf(invite(SessionCase.TERMINATING_REGISTERED), terminating)).isTrue();
        assertThat(dnf(invite(SessionCase.TERMINATING_UNREGISTERED), terminating)).isFalse();
        assertThat(dnf(invite(SessionCase.ORIGINATING), terminating)).isFalse();
    }

    @Test
    void sessionCaseCodesAreTheWireOrdinals() {
        assertThat(SessionCase.ofCode(0)).isEqualTo(SessionCase.ORIGINATING);
        assertThat(SessionCase.ofCode(1)).isEqualTo(SessionCase.TERMINATING_REGISTERED);
        assertThat(SessionCase.ofCode(2)).isEqualTo(SessionCase.TERMINATING_UNREGISTERED);
        assertThat(SessionCase.ofCode(3)).isEqualTo(SessionCase.ORIGINATING_UNREGISTERED);
        assertThat(DefaultHandling.ofCode(0)).isEqualTo(DefaultHandling.SESSION_CONTINUED);
        assertThat(DefaultHandling.ofCode(1)).isEqualTo(DefaultHandling.SESSION_TERMINATED);
    }

    @Test
    void sdpLineMatchesOnlyInSdpBodies() {
        TriggerInput in = invite(SessionCase.ORIGINATING);
        assertThat(dnf(in, spt(0, sdp("m", null)))).isTrue();
        assertThat(dnf(in, spt(0, sdp("m", "^audio")))).isTrue();
        assertThat(dnf(in, spt(0, sdp("m", "^video")))).isFalse();
        assertThat(dnf(in, spt(0, sdp("b", null)))).isFalse();
        // a text/plain body is not SDP, even when a line would look like one
        assertThat(dnf(message(SessionCase.ORIGINATING), spt(0, sdp("h", null)))).isFalse();
    }

    @Test
    void negationInvertsOneSpt() {
        TriggerInput in = invite(SessionCase.ORIGINATING);
        assertThat(dnf(in, not(0, method("INVITE")))).isFalse();
        assertThat(dnf(in, not(0, method("MESSAGE")))).isTrue();
        // INVITE and not a video stream
        assertThat(dnf(in, spt(0, method("INVITE")), not(0, sdp("m", "^video")))).isTrue();
        assertThat(dnf(in, spt(0, method("INVITE")), not(0, sdp("m", "^audio")))).isFalse();
    }

    @Test
    void dnfIsAnOrOfAndGroups() {
        TriggerInput in = invite(SessionCase.ORIGINATING);
        // (INVITE and MESSAGE) or (SessionCase 0): the second group holds
        assertThat(dnf(in, spt(0, method("INVITE")), spt(0, method("MESSAGE")),
                spt(1, new Spt.SessionCaseIs(SessionCase.ORIGINATING)))).isTrue();
        // (INVITE and MESSAGE) or (SessionCase 1): neither group holds
        assertThat(dnf(in, spt(0, method("INVITE")), spt(0, method("MESSAGE")),
                spt(1, new Spt.SessionCaseIs(SessionCase.TERMINATING_REGISTERED)))).isFalse();
    }

    @Test
    void cnfIsAnAndOfOrGroups() {
        TriggerInput in = invite(SessionCase.ORIGINATING);
        // (INVITE or MESSAGE) and (SessionCase 0 or SessionCase 1)
        assertThat(cnf(in, spt(0, method("INVITE")), spt(0, method("MESSAGE")),
                spt(1, new Spt.SessionCaseIs(SessionCase.ORIGINATING)),
                spt(1, new Spt.SessionCaseIs(SessionCase.TERMINATING_REGISTERED)))).isTrue();
        // (INVITE or MESSAGE) and (SessionCase 1): the second clause fails
        assertThat(cnf(in, spt(0, method("INVITE")), spt(0, method("MESSAGE")),
                spt(1, new Spt.SessionCaseIs(SessionCase.TERMINATING_REGISTERED)))).isFalse();
    }

    @Test
    void sameSptsGiveDifferentAnswersInCnfAndDnf() {
        TriggerInput in = invite(SessionCase.ORIGINATING);
        Spt[] spts = {spt(0, method("INVITE")), spt(0, method("MESSAGE"))};
        assertThat(cnf(in, spts)).as("INVITE or MESSAGE").isTrue();
        assertThat(dnf(in, spts)).as("INVITE and MESSAGE").isFalse();
    }

    @Test
    void criteriaAreVisitedInPriorityOrderWhateverTheirListOrder() {
        IfcEvaluator ifc = new IfcEvaluator(List.of(
                criterion(30, "sip:c@as", spt(0, method("INVITE"))),
                criterion(10, "sip:a@as", spt(0, method("INVITE"))),
                criterion(20, "sip:b@as", spt(0, method("MESSAGE"))),
                criterion(15, "sip:d@as", spt(0, sdp("m", "^audio")))));
        TriggerInput in = invite(SessionCase.ORIGINATING);

        assertThat(ifc.criteria()).extracting(FilterCriterion::priority).containsExactly(10, 15, 20, 30);
        assertThat(ifc.first(in)).map(FilterCriterion::priority).contains(10);
        assertThat(ifc.next(in, 10)).map(FilterCriterion::priority).contains(15);
        assertThat(ifc.next(in, 15)).map(FilterCriterion::priority).contains(30);
        assertThat(ifc.next(in, 30)).isEmpty();
        assertThat(ifc.matching(in)).extracting(c -> c.applicationServer().serverName())
                .containsExactly("sip:a@as", "sip:d@as", "sip:c@as");
        assertThat(ifc.matching(message(SessionCase.ORIGINATING))).extracting(FilterCriterion::priority)
                .containsExactly(20);
    }

    @Test
    void criterionWithoutTriggerPointAlwaysMatches() {
        FilterCriterion always = new FilterCriterion(1, Optional.empty(),
                new ApplicationServer("sip:as", DefaultHandling.SESSION_TERMINATED, Optional.empty()));
        assertThat(always.matches(message(SessionCase.TERMINATING_UNREGISTERED))).isTrue();
    }
}
