package org.imscore.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.imscore.server.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code imscore demo} as a user runs it, through the command tree: the core on loopback, the whole flow on real
 * sockets, and the printed diagram checked against the call flow of TS 24.229 (registration with AKA via the
 * I-CSCF's UAR and the S-CSCF's MAR/SAR; the INVITE via P-CSCF, S-CSCF, I-CSCF with LIR, S-CSCF, P-CSCF; 183/PRACK,
 * 180, 200, ACK; BYE and its 200).
 */
class DemoCommandTest {

  private static final String A = "alice";
  private static final String P = "P-CSCF";
  private static final String I = "I-CSCF";
  private static final String S = "S-CSCF";
  private static final String H = "HSS";
  private static final String B = "bob";

  @Test
  void theDemoDrawsTheWholeCallFlowAndPasses() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("demo");

    String printed = out.toString();
    assertThat(exit).as(printed + err).isZero();
    assertThat(printed).contains("demo passed: ");
    assertThat(err.toString()).isEmpty();
    List<Drawn> drawn = arrows(printed);
    List<Drawn> expected = new ArrayList<>();
    for (String ue : List.of(A, B)) {
      expected.addAll(List.of(
          new Drawn(ue, P, "REGISTER"), new Drawn(P, I, "REGISTER"), new Drawn(I, H, "UAR"),
          new Drawn(H, I, "UAA 2001"), new Drawn(I, S, "REGISTER"), new Drawn(S, H, "MAR"),
          new Drawn(H, S, "MAA 2001"), new Drawn(S, I, "401 Unauthorized"), new Drawn(I, P, "401 Unauthorized"),
          new Drawn(P, ue, "401 Unauthorized"),
          new Drawn(ue, P, "REGISTER"), new Drawn(P, I, "REGISTER"), new Drawn(I, H, "UAR"),
          new Drawn(I, S, "REGISTER"), new Drawn(S, H, "SAR"), new Drawn(H, S, "SAA 2001"),
          new Drawn(S, I, "200 OK"), new Drawn(I, P, "200 OK"), new Drawn(P, ue, "200 OK")));
    }
    // Causal order only: what one element sends in sequence, and what each message causes further on.
    expected.addAll(List.of(
        new Drawn(A, P, "INVITE"), new Drawn(P, S, "INVITE"), new Drawn(S, I, "INVITE"), new Drawn(I, H, "LIR"),
        new Drawn(H, I, "LIA 2001"), new Drawn(I, S, "INVITE"), new Drawn(S, P, "INVITE"), new Drawn(P, B, "INVITE"),
        new Drawn(B, P, "183 Session Progress"), new Drawn(P, A, "183 Session Progress"),
        new Drawn(A, P, "PRACK"), new Drawn(P, B, "PRACK"), new Drawn(B, P, "200 OK (PRACK)"),
        new Drawn(B, P, "180 Ringing"), new Drawn(B, P, "200 OK"), new Drawn(P, A, "200 OK"),
        new Drawn(A, P, "ACK"), new Drawn(P, B, "ACK"),
        new Drawn(A, P, "BYE"), new Drawn(P, B, "BYE"),
        new Drawn(B, P, "200 OK (BYE)"), new Drawn(P, A, "200 OK (BYE)")));
    assertThat(drawn).as(printed).containsSubsequence(expected);
    // No 100 Trying needs to be drawn: each CSCF sends one only when bob's first answer takes over 200 ms.
    assertThat(drawn).as(printed).contains(new Drawn(P, A, "200 OK (PRACK)"), new Drawn(P, A, "180 Ringing"));
    assertThat(printed.lines().filter(l -> l.contains("alice") && l.contains("bob")).findFirst().orElseThrow())
        .containsSubsequence(A, P, I, S, H, B);
  }

  @Test
  void aNegativeHoldIsRefusedWithAMessage() {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));

    assertThat(cli.execute("demo", "--hold", "-1")).isEqualTo(2);
    assertThat(err.toString()).contains("--hold must be between 0 and 3600");
  }

  /** One arrow as drawn: sender, receiver, label. */
  record Drawn(String from, String to, String label) {
  }

  /** Reads the arrows back from the diagram text: columns from the header's lifelines, direction from the head. */
  private static List<Drawn> arrows(String printed) {
    List<String> lines = printed.lines().toList();
    int header = 0;
    while (!lines.get(header).contains("alice")) {
      header++;
    }
    List<String> names = Trace.COLUMNS;
    List<Drawn> drawn = new ArrayList<>();
    for (String line : lines.subList(header + 1, lines.size())) {
      int loop = line.indexOf("--+ ");
      if (loop > 0) { // a message to itself: "|--+ LABEL", then "|<-+"
        String self = names.get(column(loop - 1));
        drawn.add(new Drawn(self, self, line.substring(loop + 4).strip()));
        continue;
      }
      if (line.contains("<-+")) {
        continue;
      }
      int head = line.indexOf('>');
      int tail = line.indexOf('<');
      if (head < 0 && tail < 0 || line.startsWith("demo ")) {
        continue;
      }
      int first = Math.min(head < 0 ? Integer.MAX_VALUE : head, Math.min(tail < 0 ? Integer.MAX_VALUE : tail,
          line.indexOf('-')));
      int last = Math.max(head, line.lastIndexOf('-'));
      String from = names.get(column(first - 1));
      String to = names.get(column(last + 1));
      // The S-CSCF's reason phrase "Unauthorized - Challenging the UE" is cut to its first words on short arrows.
      String label = line.substring(first, last + 1).replaceAll("^[<-]+|[->]+$", "").strip()
          .replaceFirst(" - .*$", "");
      drawn.add(head >= 0 ? new Drawn(from, to, label) : new Drawn(to, from, label));
    }
    return drawn;
  }

  private static int column(int lifeline) {
    return (lifeline - SequenceDiagram.COLUMN_WIDTH / 2) / SequenceDiagram.COLUMN_WIDTH;
  }
}
