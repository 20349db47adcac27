package org.imscore.hss.profile;

import java.util.List;
import java.util.Objects;

/**
 * The trigger point of an initial filter criterion (TS 29.228 Annex B.2.2, C): a boolean expression
 * over service point triggers. SPTs with the same group number form one clause; with {@code cnf}
 * the clauses are ORs joined by AND (conjunctive normal form), otherwise ANDs joined by OR.
 */
public record TriggerPoint(boolean cnf, List<ServicePointTrigger> spts) {

  public TriggerPoint {
    spts = List.copyOf(spts);
    if (spts.isEmpty()) {
      throw new IllegalArgumentException("a trigger point needs at least one SPT");
    }
  }

  /** One service point trigger: an optionally negated condition in one clause group. */
  public record ServicePointTrigger(
      boolean negated, int group, Condition condition, List<RegistrationType> registrationTypes) {

    public ServicePointTrigger {
      if (group < 0) {
        throw new IllegalArgumentException("group must be 0 or more, was " + group);
      }
      Objects.requireNonNull(condition, "condition");
      registrationTypes = List.copyOf(registrationTypes);
    }
  }

  /** What one SPT tests; exactly one of the five kinds the schema offers. */
  public sealed interface Condition {}

  /** Request-URI matches the regular expression. */
  public record RequestUri(String pattern) implements Condition {
    public RequestUri {
      Objects.requireNonNull(pattern, "pattern");
    }
  }

  /** The request method, e.g. INVITE. */
  public record Method(String method) implements Condition {
    public Method {
      Objects.requireNonNull(method, "method");
    }
  }

  /** A header is present, or (with content) present and matching the regular expression. */
  public record SipHeader(String header, String content) implements Condition {
    public SipHeader {
      Objects.requireNonNull(header, "header");
    }
  }

  /** The session case; the Rel-7 schema knows four. */
  public record SessionCaseIs(SessionCase sessionCase) implements Condition {
    public SessionCaseIs {
      Objects.requireNonNull(sessionCase, "sessionCase");
    }
  }

  /** An SDP line (e.g. "m") is present, or present and matching the content expression. */
  public record SessionDescription(String line, String content) implements Condition {
    public SessionDescription {
      Objects.requireNonNull(line, "line");
    }
  }

  /** tDirectionOfRequest of the Rel-7 schema; the XML carries the ordinal. */
  public enum SessionCase {
    ORIGINATING_REGISTERED,
    TERMINATING_REGISTERED,
    TERMINATING_UNREGISTERED,
    ORIGINATING_UNREGISTERED
  }

  /** Which REGISTER requests a Method=REGISTER SPT matches; the XML carries the ordinal. */
  public enum RegistrationType {
    INITIAL_REGISTRATION,
    RE_REGISTRATION,
    DE_REGISTRATION
  }
}
