package org.imscore.testkit.sipp;

import java.util.Map;

/**
 * What one SIPp run did.
 *
 * @param exitCode SIPp's exit status: 0 when every call succeeded, 1 when some failed, 99 when no
 *     call was processed, 97 on an internal exit, 255/254 on a fatal error (see SIPp's manual)
 * @param successfulCalls the final {@code SuccessfulCall(C)} counter of SIPp's statistics file
 * @param failedCalls the final {@code FailedCall(C)} counter
 * @param statistics every cumulative column of the last statistics line, by SIPp's column name
 * @param errors what SIPp wrote to its error trace ({@code -trace_err}), empty when none
 * @param output SIPp's standard output and error, for a failure message
 */
public record SippResult(
    int exitCode,
    long successfulCalls,
    long failedCalls,
    Map<String, String> statistics,
    String errors,
    String output) {

  public SippResult {
    statistics = Map.copyOf(statistics);
  }

  public boolean allCallsSucceeded() {
    return exitCode == 0 && failedCalls == 0 && successfulCalls > 0;
  }

  /** A readable account of the run, for assertion messages. */
  public String describe() {
    return "sipp exit " + exitCode + ", " + successfulCalls + " successful, " + failedCalls
        + " failed\n--- errors ---\n" + errors + "\n--- output ---\n" + output;
  }
}
