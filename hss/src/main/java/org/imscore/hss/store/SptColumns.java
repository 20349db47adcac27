package org.imscore.hss.store;

import java.sql.SQLException;
import org.imscore.hss.profile.TriggerPoint;
import org.imscore.hss.profile.TriggerPoint.Condition;
import org.imscore.hss.profile.TriggerPoint.SessionCase;

/** The columns one SPT condition is stored in. */
record SptColumns(String kind, String value, String content) {

  static SptColumns of(Condition condition) {
    return switch (condition) {
      case TriggerPoint.RequestUri u -> new SptColumns("REQUEST_URI", u.pattern(), null);
      case TriggerPoint.Method m -> new SptColumns("METHOD", m.method(), null);
      case TriggerPoint.SipHeader h -> new SptColumns("SIP_HEADER", h.header(), h.content());
      case TriggerPoint.SessionCaseIs s ->
          new SptColumns("SESSION_CASE", s.sessionCase().name(), null);
      case TriggerPoint.SessionDescription d ->
          new SptColumns("SESSION_DESCRIPTION", d.line(), d.content());
    };
  }

  Condition condition() throws SQLException {
    return switch (kind) {
      case "REQUEST_URI" -> new TriggerPoint.RequestUri(value);
      case "METHOD" -> new TriggerPoint.Method(value);
      case "SIP_HEADER" -> new TriggerPoint.SipHeader(value, content);
      case "SESSION_CASE" -> new TriggerPoint.SessionCaseIs(SessionCase.valueOf(value));
      case "SESSION_DESCRIPTION" -> new TriggerPoint.SessionDescription(value, content);
      default -> throw new SQLException("unknown service point trigger kind " + kind);
    };
  }
}
