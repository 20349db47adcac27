package org.imscore.benchmarks.report;

import java.nio.file.Path;

/** A results file that cannot be read: which file, and what is wrong with it, in words that say what to fix. */
public final class ResultsException extends Exception {

    private final transient Path file;
    private final String problem;

    public ResultsException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    /** What is wrong, without the file's name. */
    public String problem() {
        return problem;
    }
}
