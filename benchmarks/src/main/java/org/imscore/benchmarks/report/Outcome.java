package org.imscore.benchmarks.report;

/** How a measured figure stands against its target. */
public enum Outcome {
    MET("met"),
    MISSED("**missed**"),
    /** The run does not measure the figure (a series or a key is missing). */
    NOT_MEASURED("not measured"),
    /** A smoke run: it shows that the benchmark works; its figures are not judged. */
    NOT_JUDGED("smoke run, not judged"),
    NOT_RUN("not run yet");

    private final String text;

    Outcome(String text) {
        this.text = text;
    }

    /** The verdict as the page prints it (markdown). */
    public String text() {
        return text;
    }
}
