package org.imscore.benchmarks.report;

/**
 * One target checked against one run.
 *
 * @param target   the target, e.g. "registrations >= 3,000/s"
 * @param measured the figure the run reached, with what it rests on, e.g. "3,500 registrations/s"
 * @param outcome  whether the figure meets the target
 */
public record Check(String target, String measured, Outcome outcome) {
}
