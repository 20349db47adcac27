package org.imscore.server.demo;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.server.run.Core;
import org.imscore.server.run.CoreObserver;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;

/**
 * The messages of a demo run as arrows between the columns of a {@link SequenceDiagram}, each message once: a SIP
 * message as its sender put it on the wire (a CSCF's SENT), except what a UE sends, which is seen as the P-CSCF
 * received it; a Cx message at the CSCF end of its connection (requests SENT to the HSS, answers RECEIVED from it).
 * Diameter base messages (capabilities exchange, watchdogs, disconnect) are left out: they are not part of the call
 * flow. The order is the order of observation, which follows causality: a message is observed by its sender before
 * it is written, and whatever it causes happens after it is read.
 */
final class Trace implements CoreObserver {

  static final List<String> COLUMNS = List.of("alice", "P-CSCF", "I-CSCF", "S-CSCF", "HSS", "bob");
  static final int ALICE = 0;
  static final int PCSCF = 1;
  static final int ICSCF = 2;
  static final int SCSCF = 3;
  static final int HSS = 4;
  static final int BOB = 5;

  /** Cx command codes (TS 29.229 §6.1) by name. */
  private static final Map<Integer, String> CX_COMMANDS = Map.of(300, "UA", 301, "SA", 302, "LI", 303, "MA",
      304, "RT", 305, "PP");

  private final Map<Integer, Integer> columnByPort = new HashMap<>();
  private final List<SequenceDiagram.Arrow> arrows = new ArrayList<>();
  private final List<String> unplaced = new ArrayList<>();

  /** Which column a SIP port belongs to (every function's port and every UE's). */
  synchronized void place(int port, int column) {
    columnByPort.put(port, column);
  }

  @Override
  public synchronized void sip(Core.Function function, Direction direction, InetSocketAddress local,
      InetSocketAddress remote, SipMessage message) {
    int self = column(function);
    if (direction == Direction.SENT) {
      // A request over TCP leaves from an ephemeral port: what comes back to that port is for this function.
      columnByPort.putIfAbsent(local.getPort(), self);
    }
    Integer peer = columnByPort.get(remote.getPort());
    if (direction == Direction.SENT) {
      if (peer == null) {
        unplaced.add(label(message) + " to " + remote);
      } else {
        arrows.add(new SequenceDiagram.Arrow(self, peer, label(message)));
      }
    } else if (function == Core.Function.PCSCF && peer != null && (peer == ALICE || peer == BOB)) {
      arrows.add(new SequenceDiagram.Arrow(peer, self, label(message)));
    }
  }

  @Override
  public synchronized void cx(Core.Function cscf, Direction direction, DiameterMessage message) {
    String name = CX_COMMANDS.get(message.commandCode());
    if (name == null) {
      return;
    }
    String label = message.isRequest() ? name + "R" : name + "A" + resultCode(message);
    arrows.add(direction == Direction.SENT ? new SequenceDiagram.Arrow(column(cscf), HSS, label)
        : new SequenceDiagram.Arrow(HSS, column(cscf), label));
  }

  synchronized List<SequenceDiagram.Arrow> arrows() {
    return List.copyOf(arrows);
  }

  /**
   * The messages every run of the demo must show, each at least once (TS 24.229 registration and session set-up):
   * both UEs challenged and registered, the HSS asked for the user's S-CSCF (UAR), vectors (MAR), assignment (SAR)
   * and, for the call, location (LIR); the call's requests reaching bob and its responses reaching alice.
   */
  static final List<SequenceDiagram.Arrow> REQUIRED = List.of(
      new SequenceDiagram.Arrow(PCSCF, ALICE, "401 Unauthorized"), new SequenceDiagram.Arrow(PCSCF, BOB,
          "401 Unauthorized"),
      new SequenceDiagram.Arrow(PCSCF, ALICE, "200 OK"), new SequenceDiagram.Arrow(PCSCF, BOB, "200 OK"),
      new SequenceDiagram.Arrow(ICSCF, HSS, "UAR"), new SequenceDiagram.Arrow(SCSCF, HSS, "MAR"),
      new SequenceDiagram.Arrow(SCSCF, HSS, "SAR"), new SequenceDiagram.Arrow(ICSCF, HSS, "LIR"),
      new SequenceDiagram.Arrow(PCSCF, BOB, "INVITE"), new SequenceDiagram.Arrow(PCSCF, ALICE, "183 Session Progress"),
      new SequenceDiagram.Arrow(PCSCF, BOB, "PRACK"), new SequenceDiagram.Arrow(PCSCF, ALICE, "180 Ringing"),
      new SequenceDiagram.Arrow(PCSCF, BOB, "ACK"), new SequenceDiagram.Arrow(PCSCF, BOB, "BYE"),
      new SequenceDiagram.Arrow(PCSCF, ALICE, "200 OK (BYE)"));

  /** Which of {@link #REQUIRED} were not seen (a 401's explanatory reason phrase still counts as 401). */
  synchronized List<String> missing() {
    return REQUIRED.stream().filter(r -> arrows.stream().noneMatch(a -> a.from() == r.from() && a.to() == r.to()
            && (a.label().equals(r.label()) || a.label().startsWith(r.label() + " - "))))
        .map(r -> r.label() + " " + COLUMNS.get(r.from()) + " -> " + COLUMNS.get(r.to()))
        .toList();
  }

  /** Messages sent to an address that is no column's: none when the flow went as expected. */
  synchronized List<String> unplaced() {
    return List.copyOf(unplaced);
  }

  /**
   * The label of a SIP message: a request's method, a response's status and reason, with the method it answers
   * when that is neither INVITE nor REGISTER (so the 200 to a PRACK reads "200 OK (PRACK)").
   */
  static String label(SipMessage message) {
    if (message instanceof SipRequest request) {
      return request.method();
    }
    SipResponse response = (SipResponse) message;
    String method = response.cseq().method();
    String status = response.statusCode() + " " + response.reasonPhrase();
    return method.equals(SipRequest.INVITE) || method.equals(SipRequest.REGISTER) ? status
        : status + " (" + method + ")";
  }

  /** " 2001": the Result-Code, else the Experimental-Result-Code (TS 29.229 §6.2), else nothing. */
  private static String resultCode(DiameterMessage answer) {
    if (answer.resultCode().isPresent()) {
      return " " + answer.resultCode().getAsLong();
    }
    return answer.experimentalResultCode().isPresent() ? " " + answer.experimentalResultCode().getAsLong() : "";
  }

  private static int column(Core.Function function) {
    return switch (function) {
      case PCSCF -> PCSCF;
      case ICSCF -> ICSCF;
      case SCSCF -> SCSCF;
      case HSS -> HSS;
    };
  }
}
