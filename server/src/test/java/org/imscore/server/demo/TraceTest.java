package org.imscore.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.imscore.server.demo.SequenceDiagram.Arrow;
import org.imscore.server.run.Core;
import org.imscore.server.run.CoreObserver.Direction;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.message.SipMessage;
import org.junit.jupiter.api.Test;

/** How observed messages become arrows: each once, placed by port, labelled as the diagram says them. */
class TraceTest {

  private static final int PCSCF_PORT = 5060;
  private static final int SCSCF_PORT = 6060;
  private static final int ALICE_PORT = 40000;

  private final Trace trace = new Trace();

  TraceTest() {
    trace.place(PCSCF_PORT, Trace.PCSCF);
    trace.place(SCSCF_PORT, Trace.SCSCF);
    trace.place(ALICE_PORT, Trace.ALICE);
  }

  @Test
  void aUesRequestIsSeenWhereThePcscfReceivesItAndForwardedOnesWhereTheySend() {
    trace.sip(Core.Function.PCSCF, Direction.RECEIVED, at(PCSCF_PORT), at(ALICE_PORT), request("INVITE"));
    trace.sip(Core.Function.PCSCF, Direction.SENT, at(PCSCF_PORT), at(SCSCF_PORT), request("INVITE"));
    // The S-CSCF receiving it is the same message: not drawn twice.
    trace.sip(Core.Function.SCSCF, Direction.RECEIVED, at(SCSCF_PORT), at(PCSCF_PORT), request("INVITE"));
    trace.sip(Core.Function.PCSCF, Direction.SENT, at(PCSCF_PORT), at(ALICE_PORT), response(200, "PRACK"));

    assertThat(trace.arrows()).containsExactly(new Arrow(Trace.ALICE, Trace.PCSCF, "INVITE"),
        new Arrow(Trace.PCSCF, Trace.SCSCF, "INVITE"), new Arrow(Trace.PCSCF, Trace.ALICE, "200 OK (PRACK)"));
    assertThat(trace.unplaced()).isEmpty();
  }

  @Test
  void answersOverTcpFindTheEphemeralPortTheRequestLeftFrom() {
    trace.sip(Core.Function.SCSCF, Direction.SENT, at(50123), at(PCSCF_PORT), request("NOTIFY"));
    trace.sip(Core.Function.PCSCF, Direction.SENT, at(PCSCF_PORT), at(50123), response(200, "NOTIFY"));

    assertThat(trace.arrows()).containsExactly(new Arrow(Trace.SCSCF, Trace.PCSCF, "NOTIFY"),
        new Arrow(Trace.PCSCF, Trace.SCSCF, "200 OK (NOTIFY)"));
  }

  @Test
  void aMessageToAnUnknownAddressIsReportedNotDrawn() {
    trace.sip(Core.Function.PCSCF, Direction.SENT, at(PCSCF_PORT), at(1234), request("MESSAGE"));

    assertThat(trace.arrows()).isEmpty();
    assertThat(trace.unplaced()).singleElement().asString().startsWith("MESSAGE to ");
    assertThat(trace.missing()).hasSize(Trace.REQUIRED.size());
  }

  private static InetSocketAddress at(int port) {
    return new InetSocketAddress("127.0.0.1", port);
  }

  private static SipMessage request(String method) {
    return parse(method + " sip:bob@ims.test SIP/2.0\r\n" + headers(method));
  }

  private static SipMessage response(int code, String method) {
    return parse("SIP/2.0 " + code + " OK\r\n" + headers(method));
  }

  private static String headers(String method) {
    return "Via: SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bK1\r\nFrom: <sip:alice@ims.test>;tag=1\r\n"
        + "To: <sip:bob@ims.test>\r\nCall-ID: c1\r\nCSeq: 1 " + method + "\r\nMax-Forwards: 70\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  private static SipMessage parse(String text) {
    return SipParser.parse(text.getBytes(StandardCharsets.US_ASCII)).message();
  }
}
