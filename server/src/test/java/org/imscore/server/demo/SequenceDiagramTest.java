package org.imscore.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.imscore.server.demo.SequenceDiagram.Arrow;
import org.junit.jupiter.api.Test;

class SequenceDiagramTest {

  private final SequenceDiagram diagram = new SequenceDiagram(List.of("alice", "P-CSCF", "HSS"));

  @Test
  void drawsOneArrowPerMessageBetweenTheLifelinesOfSenderAndReceiver() {
    String drawn = diagram.render(List.of(
        new Arrow(0, 1, "REGISTER"),
        new Arrow(1, 2, "UAR"),
        new Arrow(2, 1, "UAA 2001"),
        new Arrow(1, 0, "183 Session Progress"),
        new Arrow(0, 2, "401 Unauthorized - Challenging the UE")));

    assertThat(drawn).isEqualTo(String.join("\n",
        "          alice                  P-CSCF                    HSS",
        "            |                       |                       |",
        "            |------ REGISTER ------>|                       |",
        "            |                       |-------- UAR --------->|",
        "            |                       |<------ UAA 2001 ------|",
        "            |<-183 Session Progress-|                       |",
        "            |--- 401 Unauthorized - Challenging the UE ---->|",
        "            |                       |                       |") + "\n");
  }

  @Test
  void aLabelTooLongForItsArrowKeepsItsFirstWholeWords() {
    String drawn = diagram.render(List.of(new Arrow(1, 0, "401 Unauthorized - Challenging the UE")));

    assertThat(drawn.lines().toList().get(2)).isEqualTo("            |<-- 401 Unauthorized --|                       |");
  }

  @Test
  void aMessageToItselfIsALoopOnItsLifeline() {
    String drawn = diagram.render(List.of(new Arrow(1, 1, "ACK")));

    assertThat(drawn.lines().toList().subList(2, 4)).containsExactly(
        "            |                       |--+ ACK                |",
        "            |                       |<-+                    |");
  }

  @Test
  void anArrowToAColumnThatDoesNotExistIsRefused() {
    assertThatThrownBy(() -> diagram.render(List.of(new Arrow(0, 3, "INVITE"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such column");
    assertThatThrownBy(() -> new SequenceDiagram(List.of("alone")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
