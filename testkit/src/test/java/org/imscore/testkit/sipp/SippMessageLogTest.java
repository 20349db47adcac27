package org.imscore.testkit.sipp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.testkit.sipp.SippMessageLog.Direction;
import org.imscore.testkit.sipp.SippMessageLog.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader against message logs SIPp 3.6.1 wrote (src/test/resources/sipp-message-logs, README there). */
class SippMessageLogTest {

  @TempDir Path work;

  @Test
  void everyMessageOfAUdpCalleeIsReadInOrderWithItsDirection() throws Exception {
    SippMessageLog log = SippMessageLog.read(resource("call-uas-udp.trace"));

    assertThat(log.entries()).extracting(Entry::direction).containsExactly(Direction.RECEIVED, Direction.SENT,
        Direction.SENT, Direction.RECEIVED, Direction.RECEIVED, Direction.SENT);
    assertThat(log.entries()).extracting(e -> e.message().startLine()).containsExactly(
        "INVITE sip:bob@127.0.0.1:15071 SIP/2.0", "SIP/2.0 180 Ringing", "SIP/2.0 200 OK",
        "ACK sip:bob@127.0.0.1:15071 SIP/2.0", "BYE sip:bob@127.0.0.1:15071 SIP/2.0", "SIP/2.0 200 OK");
    assertThat(log.entries()).extracting(Entry::transport).containsOnly("UDP");
    assertThat(log.entries().get(0).time()).isEqualTo("2026-11-21 09:08:41.013236");
  }

  @Test
  void aMessageIsDelimitedByItsByteCountSoItsBodyIsWhole() throws Exception {
    SippMessageLog log = SippMessageLog.read(resource("call-uas-udp.trace"));

    SipRequest invite = log.received(SipRequest.INVITE).get(0);
    assertThat(invite.bodyLength()).isEqualTo(129);
    assertThat(invite.bodyAsString()).startsWith("v=0\r\n").endsWith("a=rtpmap:0 PCMU/8000\r\n");
    assertThat(log.sentResponses(200)).hasSize(2).first()
        .satisfies(ok -> assertThat(ok.bodyAsString()).contains("o=bob "));
  }

  @Test
  void helpersPickMessagesByDirectionMethodAndStatus() throws Exception {
    SippMessageLog log = SippMessageLog.read(resource("call-uas-udp.trace"));

    assertThat(log.received()).extracting(SipMessage::cseq).extracting(c -> c.method())
        .containsExactly("INVITE", "ACK", "BYE");
    assertThat(log.received(SipRequest.ACK)).singleElement()
        .satisfies(ack -> assertThat(ack.topVia().branch()).contains("z9hG4bK-25448-1-5"));
    assertThat(log.received(SipRequest.CANCEL)).isEmpty();
    assertThat(log.sent()).hasSize(3).allMatch(m -> !m.isRequest());
    assertThat(log.sent(SipRequest.INVITE)).isEmpty();
    assertThat(log.sentResponses(180)).singleElement().extracting(SipResponse::reasonPhrase).isEqualTo("Ringing");
    assertThat(log.receivedResponses(200)).isEmpty();
  }

  @Test
  void overTcpTheLinesSippWritesForItselfArePassedOver() throws Exception {
    SippMessageLog log = SippMessageLog.read(resource("uac-tcp.trace"));

    assertThat(log.entries()).extracting(e -> e.direction() + " " + e.message().startLine()).containsExactly(
        "SENT INVITE sip:service@127.0.0.1:15071 SIP/2.0", "RECEIVED SIP/2.0 180 Ringing",
        "RECEIVED SIP/2.0 200 OK", "SENT ACK sip:service@127.0.0.1:15071 SIP/2.0",
        "SENT BYE sip:service@127.0.0.1:15071 SIP/2.0", "RECEIVED SIP/2.0 200 OK");
    assertThat(log.entries()).extracting(Entry::transport).containsOnly("TCP");
    assertThat(log.receivedResponses(200)).extracting(r -> r.cseq().method()).containsExactly("INVITE", "BYE");
  }

  @Test
  void aLogWithNoEntryHasNoMessages() throws IOException {
    Path empty = Files.writeString(work.resolve("empty.trace"), "Problem EAGAIN on socket  6 and poll_idx  is 1 \n");

    assertThat(SippMessageLog.read(empty).entries()).isEmpty();
  }

  @Test
  void aLogCutShortInsideAMessageIsAnErrorNamingTheLine() throws Exception {
    String real = Files.readString(resource("call-uas-udp.trace"), StandardCharsets.ISO_8859_1);
    Path cut = write("cut.trace", real.substring(0, real.indexOf("Content-Type: application/sdp", 1000)));

    assertThatThrownBy(() -> SippMessageLog.read(cut)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(cut + ", line 37: the entry announces 466 bytes but the file ends after");
  }

  @Test
  void aMessageShorterThanItsByteCountIsAnError() throws Exception {
    // As SIPp writes a message holding a 0x00 byte: the count is the message's, the text stops at the 0x00.
    String real = Files.readString(resource("call-uas-udp.trace"), StandardCharsets.ISO_8859_1);
    Path shortened = write("short.trace", real.replace("Subject: Performance Test\r\n", ""));

    assertThatThrownBy(() -> SippMessageLog.read(shortened)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(shortened + ", line 1: the 502 bytes the entry announces are not followed by");
  }

  @Test
  void aMessageOurParserRejectsIsAnErrorShowingTheMessage() throws Exception {
    String real = Files.readString(resource("call-uas-udp.trace"), StandardCharsets.ISO_8859_1);
    // Same length, so the entry is whole; the ACK's CSeq no longer holds a number.
    Path bad = write("bad.trace", real.replace("CSeq: 1 ACK", "CSeq: X ACK"));

    assertThatThrownBy(() -> SippMessageLog.read(bad)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(bad + ", line 58: SIPp logged a message that does not parse: 400 Bad CSeq")
        .hasMessageContaining("CSeq: X ACK");
  }

  @Test
  void aMissingLogIsAnIoErrorNamingTheFile() {
    Path absent = work.resolve("absent.trace");

    assertThatThrownBy(() -> SippMessageLog.read(absent)).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(absent.toString());
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(work.resolve(name), text, StandardCharsets.ISO_8859_1);
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(SippMessageLogTest.class.getResource("/sipp-message-logs/" + name).toURI());
  }
}
