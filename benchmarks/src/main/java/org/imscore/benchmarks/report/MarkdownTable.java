package org.imscore.benchmarks.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A GitHub markdown table; a cell's "|" is escaped and a line break flattened, so a cell cannot break the table. */
final class MarkdownTable {

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    MarkdownTable(String... headers) {
        this.headers = List.of(headers);
        this.rightAligned = new boolean[headers.length];
    }

    /** Aligns the given columns (0-based) to the right, as numbers read best. */
    MarkdownTable rightAligned(int... columns) {
        for (int column : columns) {
            rightAligned[column] = true;
        }
        return this;
    }

    MarkdownTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(MarkdownTable::cell).toList());
        return this;
    }

    String render() {
        StringBuilder text = new StringBuilder();
        line(text, headers.stream().map(MarkdownTable::cell).toList());
        List<String> rule = new ArrayList<>();
        for (boolean right : rightAligned) {
            rule.add(right ? "---:" : "---");
        }
        line(text, rule);
        rows.forEach(row -> line(text, row));
        return text.toString();
    }

    private static void line(StringBuilder text, List<String> cells) {
        text.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", "").replace("\n", " ");
    }
}
