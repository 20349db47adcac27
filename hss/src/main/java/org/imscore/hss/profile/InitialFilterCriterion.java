package org.imscore.hss.profile;

import java.util.Objects;

/**
 * One initial filter criterion (TS 29.228 Annex B.2.2): when the trigger point matches a request,
 * the S-CSCF sends it to the application server. Lower priority values are evaluated first.
 *
 * @param triggerPoint null when the criterion matches every request (the schema allows that)
 * @param profilePart null when the criterion applies to the registered and unregistered parts
 */
public record InitialFilterCriterion(
    int priority,
    TriggerPoint triggerPoint,
    ApplicationServer applicationServer,
    ProfilePart profilePart) {

  public InitialFilterCriterion {
    if (priority < 0) {
      throw new IllegalArgumentException("priority must be 0 or more, was " + priority);
    }
    Objects.requireNonNull(applicationServer, "applicationServer");
  }

  /** ProfilePartIndicator (TS 29.228 Annex B.2.2): the XML carries the ordinal. */
  public enum ProfilePart {
    REGISTERED,
    UNREGISTERED
  }

  /**
   * The application server of a criterion (TS 29.228 Annex B.2.3).
   *
   * @param serverName a SIP URI
   * @param serviceInfo opaque text passed to the server in the body of the request, or null
   */
  public record ApplicationServer(
      String serverName, DefaultHandling defaultHandling, String serviceInfo) {

    public ApplicationServer {
      Objects.requireNonNull(serverName, "serverName");
      Objects.requireNonNull(defaultHandling, "defaultHandling");
    }
  }

  /** What the S-CSCF does when the application server does not answer; XML carries the ordinal. */
  public enum DefaultHandling {
    SESSION_CONTINUED,
    SESSION_TERMINATED
  }
}
