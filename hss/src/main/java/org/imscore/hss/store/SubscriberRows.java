package org.imscore.hss.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.imscore.hss.profile.InitialFilterCriterion;
import org.imscore.hss.profile.InitialFilterCriterion.ApplicationServer;
import org.imscore.hss.profile.InitialFilterCriterion.DefaultHandling;
import org.imscore.hss.profile.InitialFilterCriterion.ProfilePart;
import org.imscore.hss.profile.ServiceProfile;
import org.imscore.hss.profile.TriggerPoint;
import org.imscore.hss.profile.TriggerPoint.Condition;
import org.imscore.hss.profile.TriggerPoint.RegistrationType;
import org.imscore.hss.profile.TriggerPoint.ServicePointTrigger;
import org.imscore.hss.profile.TriggerPoint.SessionCase;
import org.imscore.hss.subscriber.AuthCredentials;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.RegistrationState;
import org.imscore.hss.subscriber.ServingScscf;
import org.imscore.hss.subscriber.Subscriber;
import org.imscore.hss.subscriber.SubscriberSpec;

/** The SQL that maps subscribers to rows; every method runs on the caller's transaction. */
final class SubscriberRows {

  private SubscriberRows() {}

  static boolean exists(Connection c, String impi) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM subscription WHERE impi = ?")) {
      s.setString(1, impi);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  static long idOf(Connection c, String impi) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM subscription WHERE impi = ?")) {
      s.setString(1, impi);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new SQLException("subscription " + impi + " vanished inside its transaction");
        }
        return r.getLong(1);
      }
    }
  }

  static Optional<String> impiOf(Connection c, String impu) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT s.impi FROM public_identity p JOIN subscription s"
                + " ON s.id = p.subscription_id WHERE p.impu = ?")) {
      s.setString(1, impu);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  /** Throws when an IMPU of {@code spec} belongs to a subscription other than {@code ownId}. */
  static void checkImpusFree(Connection c, SubscriberSpec spec, long ownId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT subscription_id FROM public_identity WHERE impu = ?")) {
      for (PublicIdentity identity : spec.publicIdentities()) {
        s.setString(1, identity.uri());
        try (ResultSet r = s.executeQuery()) {
          if (r.next() && r.getLong(1) != ownId) {
            throw new DuplicateIdentityException(identity.uri());
          }
        }
      }
    }
  }

  static long insertSubscription(Connection c, SubscriberSpec spec) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO subscription (impi, k, opc, op, amf, sqn, password)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, spec.impi());
      bindAuth(s, 2, spec);
      s.executeUpdate();
      return generatedId(s);
    }
  }

  static void updateSubscription(Connection c, long id, SubscriberSpec spec) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE subscription SET k = ?, opc = ?, op = ?, amf = ?, sqn = ?, password = ?"
                + " WHERE id = ?")) {
      bindAuth(s, 1, spec);
      s.setLong(7, id);
      s.executeUpdate();
    }
  }

  private static void bindAuth(PreparedStatement s, int first, SubscriberSpec spec)
      throws SQLException {
    AuthCredentials auth = spec.auth();
    s.setString(first, auth.k());
    s.setString(first + 1, auth.opc());
    s.setString(first + 2, auth.op());
    s.setString(first + 3, auth.amf());
    s.setLong(first + 4, spec.sqn());
    s.setString(first + 5, auth.password());
  }

  static void deleteProfilesAndIdentities(Connection c, long id) throws SQLException {
    try (PreparedStatement identities =
            c.prepareStatement("DELETE FROM public_identity WHERE subscription_id = ?");
        PreparedStatement profiles =
            c.prepareStatement("DELETE FROM service_profile WHERE subscription_id = ?")) {
      identities.setLong(1, id);
      identities.executeUpdate();
      profiles.setLong(1, id);
      profiles.executeUpdate();
    }
  }

  static void insertProfilesAndIdentities(
      Connection c, long id, SubscriberSpec spec, Map<String, RegistrationState> states)
      throws SQLException {
    Map<String, Long> profileIds = new HashMap<>();
    for (ServiceProfile profile : spec.serviceProfiles()) {
      long profileId;
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO service_profile (subscription_id, name) VALUES (?, ?)",
              Statement.RETURN_GENERATED_KEYS)) {
        s.setLong(1, id);
        s.setString(2, profile.name());
        s.executeUpdate();
        profileId = generatedId(s);
      }
      profileIds.put(profile.name(), profileId);
      for (InitialFilterCriterion ifc : profile.initialFilterCriteria()) {
        insertIfc(c, profileId, ifc);
      }
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO public_identity (subscription_id, profile_id, position, impu, barred,"
                + " implicit_set, registration_state) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      int position = 0;
      for (PublicIdentity identity : spec.publicIdentities()) {
        Long profileId = profileIds.get(identity.profile());
        if (profileId == null) {
          throw new IllegalArgumentException(
              identity.uri() + " names service profile " + identity.profile() + " that is not given");
        }
        s.setLong(1, id);
        s.setLong(2, profileId);
        s.setInt(3, position++);
        s.setString(4, identity.uri());
        s.setBoolean(5, identity.barred());
        s.setInt(6, identity.implicitSet());
        s.setString(
            7, states.getOrDefault(identity.uri(), RegistrationState.NOT_REGISTERED).name());
        s.executeUpdate();
      }
    }
  }

  private static void insertIfc(Connection c, long profileId, InitialFilterCriterion ifc)
      throws SQLException {
    long ifcId;
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO initial_filter_criteria (profile_id, priority, server_name,"
                + " default_handling, service_info, profile_part, condition_type_cnf)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      ApplicationServer as = ifc.applicationServer();
      s.setLong(1, profileId);
      s.setInt(2, ifc.priority());
      s.setString(3, as.serverName());
      s.setShort(4, (short) as.defaultHandling().ordinal());
      s.setString(5, as.serviceInfo());
      if (ifc.profilePart() == null) {
        s.setNull(6, Types.SMALLINT);
      } else {
        s.setShort(6, (short) ifc.profilePart().ordinal());
      }
      if (ifc.triggerPoint() == null) {
        s.setNull(7, Types.BOOLEAN);
      } else {
        s.setBoolean(7, ifc.triggerPoint().cnf());
      }
      s.executeUpdate();
      ifcId = generatedId(s);
    }
    if (ifc.triggerPoint() == null) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO service_point_trigger (ifc_id, position, negated, group_id, kind,"
                + " match_value, match_content, registration_types)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      int position = 0;
      for (ServicePointTrigger spt : ifc.triggerPoint().spts()) {
        s.setLong(1, ifcId);
        s.setInt(2, position++);
        s.setBoolean(3, spt.negated());
        s.setInt(4, spt.group());
        SptColumns columns = SptColumns.of(spt.condition());
        s.setString(5, columns.kind());
        s.setString(6, columns.value());
        s.setString(7, columns.content());
        s.setString(
            8,
            spt.registrationTypes().stream()
                .map(t -> Integer.toString(t.ordinal()))
                .collect(Collectors.joining(",")));
        s.executeUpdate();
      }
    }
  }

  static void applyRegistration(Connection c, long id, RegistrationChange change)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE subscription SET scscf_name = ?, scscf_host = ?, scscf_realm = ? WHERE id = ?")) {
      ServingScscf scscf = change.scscf();
      s.setString(1, scscf == null ? null : scscf.serverName());
      s.setString(2, scscf == null ? null : scscf.diameterHost());
      s.setString(3, scscf == null ? null : scscf.diameterRealm());
      s.setLong(4, id);
      s.executeUpdate();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE public_identity SET registration_state = ?"
                + " WHERE subscription_id = ? AND impu = ?")) {
      for (Map.Entry<String, RegistrationState> entry : change.states().entrySet()) {
        s.setString(1, entry.getValue().name());
        s.setLong(2, id);
        s.setString(3, entry.getKey());
        s.executeUpdate();
      }
    }
  }

  /** Loads a whole subscriber; with {@code lock} its subscription row stays locked until commit. */
  static Optional<Subscriber> load(Connection c, String impi, boolean lock) throws SQLException {
    long id;
    AuthCredentials auth;
    long sqn;
    ServingScscf scscf;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, k, opc, op, amf, sqn, password, scscf_name, scscf_host, scscf_realm"
                + " FROM subscription"
                + " WHERE impi = ?"
                + (lock ? " FOR UPDATE" : ""))) {
      s.setString(1, impi);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        id = r.getLong(1);
        auth =
            new AuthCredentials(
                r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(7));
        sqn = r.getLong(6);
        String name = r.getString(8);
        scscf = name == null ? null : new ServingScscf(name, r.getString(9), r.getString(10));
      }
    }
    Map<Long, String> profileNames = new LinkedHashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, name FROM service_profile WHERE subscription_id = ? ORDER BY id")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          profileNames.put(r.getLong(1), r.getString(2));
        }
      }
    }
    List<ServiceProfile> profiles = new ArrayList<>();
    for (Map.Entry<Long, String> profile : profileNames.entrySet()) {
      profiles.add(new ServiceProfile(profile.getValue(), loadIfcs(c, profile.getKey())));
    }
    List<PublicIdentity> identities = new ArrayList<>();
    Map<String, RegistrationState> states = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT impu, barred, implicit_set, profile_id, registration_state"
                + " FROM public_identity WHERE subscription_id = ? ORDER BY position")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String impu = r.getString(1);
          identities.add(
              new PublicIdentity(impu, r.getBoolean(2), r.getInt(3), profileNames.get(r.getLong(4))));
          states.put(impu, RegistrationState.valueOf(r.getString(5)));
        }
      }
    }
    return Optional.of(new Subscriber(impi, auth, sqn, identities, profiles, scscf, states));
  }

  private static List<InitialFilterCriterion> loadIfcs(Connection c, long profileId)
      throws SQLException {
    record Row(long id, int priority, ApplicationServer as, ProfilePart part, Boolean cnf) {}
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, priority, server_name, default_handling, service_info, profile_part,"
                + " condition_type_cnf FROM initial_filter_criteria WHERE profile_id = ?"
                + " ORDER BY priority, id")) {
      s.setLong(1, profileId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ApplicationServer as =
              new ApplicationServer(
                  r.getString(3), DefaultHandling.values()[r.getShort(4)], r.getString(5));
          short part = r.getShort(6);
          ProfilePart profilePart = r.wasNull() ? null : ProfilePart.values()[part];
          boolean cnf = r.getBoolean(7);
          Boolean condition = r.wasNull() ? null : cnf;
          rows.add(new Row(r.getLong(1), r.getInt(2), as, profilePart, condition));
        }
      }
    }
    List<InitialFilterCriterion> ifcs = new ArrayList<>();
    for (Row row : rows) {
      TriggerPoint trigger = row.cnf() == null ? null : new TriggerPoint(row.cnf(), loadSpts(c, row.id()));
      ifcs.add(new InitialFilterCriterion(row.priority(), trigger, row.as(), row.part()));
    }
    return ifcs;
  }

  private static List<ServicePointTrigger> loadSpts(Connection c, long ifcId) throws SQLException {
    List<ServicePointTrigger> spts = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT negated, group_id, kind, match_value, match_content, registration_types"
                + " FROM service_point_trigger WHERE ifc_id = ? ORDER BY position")) {
      s.setLong(1, ifcId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Condition condition =
              new SptColumns(r.getString(3), r.getString(4), r.getString(5)).condition();
          List<RegistrationType> types =
              Arrays.stream(r.getString(6).split(","))
                  .filter(t -> !t.isEmpty())
                  .map(t -> RegistrationType.values()[Integer.parseInt(t)])
                  .toList();
          spts.add(new ServicePointTrigger(r.getBoolean(1), r.getInt(2), condition, types));
        }
      }
    }
    return spts;
  }

  private static long generatedId(Statement s) throws SQLException {
    try (ResultSet keys = s.getGeneratedKeys()) {
      if (!keys.next()) {
        throw new SQLException("the database returned no generated id");
      }
      return keys.getLong(1);
    }
  }

  /** The columns one SPT condition is stored in. */
  private record SptColumns(String kind, String value, String content) {

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
}
