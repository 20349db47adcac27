package org.imscore.server.demo;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A message sequence chart in plain text, as textbook IMS call flows draw it: one fixed-width column per element with
 * its name on top and its lifeline below, one line per message with an arrow from sender to receiver and the message
 * named on the arrow.
 *
 * <pre>
 *        alice                 P-CSCF
 *          |                     |
 *          |----- REGISTER ----->|
 *          |<- 401 Unauthorized -|
 * </pre>
 */
public final class SequenceDiagram {

  /** Each column's width: room on an arrow between neighbours for the longest label, "183 Session Progress". */
  public static final int COLUMN_WIDTH = 24;

  /**
   * One message: from the column at index {@code from} to the one at {@code to} (the same one for a message an
   * element sends to itself), named {@code label}.
   */
  public record Arrow(int from, int to, String label) {
    public Arrow {
      Objects.requireNonNull(label, "label");
    }
  }

  private final List<String> columns;

  public SequenceDiagram(List<String> columns) {
    if (columns.size() < 2) {
      throw new IllegalArgumentException("a sequence diagram needs at least two columns");
    }
    this.columns = List.copyOf(columns);
  }

  public List<String> columns() {
    return columns;
  }

  /** The chart: the header, a lifeline line, one line per arrow, a closing lifeline line; lines end in '\n'. */
  public String render(List<Arrow> arrows) {
    StringBuilder out = new StringBuilder();
    char[] names = blank();
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i);
      int start = Math.max(i * COLUMN_WIDTH, lifeline(i) - name.length() / 2);
      for (int c = 0; c < name.length() && start + c < names.length; c++) {
        names[start + c] = name.charAt(c);
      }
    }
    line(out, names);
    line(out, lifelines());
    for (Arrow arrow : arrows) {
      arrow(out, arrow);
    }
    line(out, lifelines());
    return out.toString();
  }

  private void arrow(StringBuilder out, Arrow arrow) {
    if (arrow.from() < 0 || arrow.to() < 0 || arrow.from() >= columns.size() || arrow.to() >= columns.size()) {
      throw new IllegalArgumentException("no such column in " + arrow + " (columns " + columns + ")");
    }
    if (arrow.from() == arrow.to()) {
      selfArrow(out, arrow);
      return;
    }
    char[] line = lifelines();
    int left = lifeline(Math.min(arrow.from(), arrow.to())) + 1;
    int right = lifeline(Math.max(arrow.from(), arrow.to())) - 1;
    Arrays.fill(line, left, right + 1, '-');
    boolean rightwards = arrow.to() > arrow.from();
    line[rightwards ? right : left] = rightwards ? '>' : '<';
    // The label centred on the shaft, with at least one dash each side; a space each side when there is room.
    int shaftStart = rightwards ? left : left + 1;
    int shaft = right - left;
    String label = fit(arrow.label(), shaft - 2);
    String onShaft = label.length() + 4 <= shaft ? " " + label + " " : label;
    onShaft.getChars(0, onShaft.length(), line, shaftStart + (shaft - onShaft.length()) / 2);
    line(out, line);
  }

  /** A message an element sends to itself (its own port): a loop on its lifeline, over two lines. */
  private void selfArrow(StringBuilder out, Arrow arrow) {
    char[] line = lifelines();
    int at = lifeline(arrow.from());
    String out1 = "--+ " + fit(arrow.label(), line.length - at - 5);
    out1.getChars(0, out1.length(), line, at + 1);
    line(out, line);
    char[] back = lifelines();
    "<-+".getChars(0, 3, back, at + 1);
    line(out, back);
  }

  /** The label, or as many of its first words as fit ("401 Unauthorized - Challenging the UE" -> "401 Unauthorized"). */
  static String fit(String label, int room) {
    if (label.length() <= room) {
      return label;
    }
    int cut = label.lastIndexOf(' ', room);
    String shorter = cut > 0 ? label.substring(0, cut) : label.substring(0, Math.max(0, room));
    return shorter.replaceAll("[\\s\\p{Punct}&&[^)]]+$", "");
  }

  private char[] lifelines() {
    char[] line = blank();
    for (int i = 0; i < columns.size(); i++) {
      line[lifeline(i)] = '|';
    }
    return line;
  }

  private char[] blank() {
    char[] line = new char[columns.size() * COLUMN_WIDTH];
    Arrays.fill(line, ' ');
    return line;
  }

  private static int lifeline(int column) {
    return column * COLUMN_WIDTH + COLUMN_WIDTH / 2;
  }

  private static void line(StringBuilder out, char[] line) {
    out.append(new String(line).stripTrailing()).append('\n');
  }
}
