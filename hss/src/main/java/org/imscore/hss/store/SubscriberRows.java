package org.imscore.hss.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.imscore.hss.profile.InitialFilterCriterion;
import org.imscore.hss.profile.InitialFilterCriterion.ApplicationServer;
import org.imscore.hss.profile.ServiceProfile;
import org.imscore.hss.profile.TriggerPoint.ServicePointTrigger;
import org.imscore.hss.subscriber.AuthCredentials;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.RegistrationState;
import org.imscore.hss.subscriber.ServingScscf;
import org.imscore.hss.subscriber.Subscriber;
import org.imscore.hss.subscriber.SubscriberSpec;

/** The SQL that maps subscribers to rows; every method runs on the caller's transaction. */
final class SubscriberRows {

  /** SQN_HE has a table of its own, see V2__sqn_apart.sql. */
  private static final String INSERT_SQN = "INSERT INTO auth_sequence (subscription_id, sqn) VALUES (?, ?)";

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

  /** Which of these IMPIs and IMPUs have rows. */
  static Set<String> provisioned(Connection c, Collection<String> impis, Collection<String> impus)
      throws SQLException {
    Set<String> found = new LinkedHashSet<>();
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM subscription WHERE impi = ?")) {
      for (String impi : impis) {
        s.setString(1, impi);
        try (ResultSet r = s.executeQuery()) {
          if (r.next()) {
            found.add(impi);
          }
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM public_identity WHERE impu = ?")) {
      for (String impu : impus) {
        s.setString(1, impu);
        try (ResultSet r = s.executeQuery()) {
          if (r.next()) {
            found.add(impu);
          }
        }
      }
    }
    return found;
  }

  /**
   * Inserts new subscribers with one JDBC batch per table: subscriptions, service profiles (their
   * ids come back as generated keys, in batch order), then public identities. Initial filter
   * criteria, rare in bulk provisioning, are inserted row by row.
   */
  static void insertAll(Connection c, List<SubscriberSpec> specs) throws SQLException {
    long[] ids;
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO subscription (impi, k, opc, op, amf, password) VALUES (?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      for (SubscriberSpec spec : specs) {
        s.setString(1, spec.impi());
        bindAuth(s, 2, spec);
        s.addBatch();
      }
      s.executeBatch();
      ids = generatedIds(s, specs.size());
    }
    try (PreparedStatement s = c.prepareStatement(INSERT_SQN)) {
      for (int i = 0; i < specs.size(); i++) {
        s.setLong(1, ids[i]);
        s.setLong(2, specs.get(i).sqn());
        s.addBatch();
      }
      s.executeBatch();
    }
    List<Map<String, Long>> profileIds = new ArrayList<>(specs.size());
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO service_profile (subscription_id, name) VALUES (?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      int rows = 0;
      for (int i = 0; i < specs.size(); i++) {
        for (ServiceProfile profile : specs.get(i).serviceProfiles()) {
          s.setLong(1, ids[i]);
          s.setString(2, profile.name());
          s.addBatch();
          rows++;
        }
      }
      s.executeBatch();
      long[] keys = generatedIds(s, rows);
      int next = 0;
      for (SubscriberSpec spec : specs) {
        Map<String, Long> byName = new HashMap<>();
        for (ServiceProfile profile : spec.serviceProfiles()) {
          long profileId = keys[next++];
          byName.put(profile.name(), profileId);
          for (InitialFilterCriterion ifc : profile.initialFilterCriteria()) {
            insertIfc(c, profileId, ifc);
          }
        }
        profileIds.add(byName);
      }
    }
    try (PreparedStatement s = c.prepareStatement(INSERT_IDENTITY)) {
      for (int i = 0; i < specs.size(); i++) {
        int position = 0;
        for (PublicIdentity identity : specs.get(i).publicIdentities()) {
          bindIdentity(s, ids[i], profileIds.get(i), position++, identity, RegistrationState.NOT_REGISTERED);
          s.addBatch();
        }
      }
      s.executeBatch();
    }
  }

  static long insertSubscription(Connection c, SubscriberSpec spec) throws SQLException {
    long id;
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO subscription (impi, k, opc, op, amf, password) VALUES (?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, spec.impi());
      bindAuth(s, 2, spec);
      s.executeUpdate();
      id = generatedId(s);
    }
    try (PreparedStatement s = c.prepareStatement(INSERT_SQN)) {
      s.setLong(1, id);
      s.setLong(2, spec.sqn());
      s.executeUpdate();
    }
    return id;
  }

  /** Stores a subscriber's SQN_HE: the greatest SQN it may have been handed out (see HssStore#authenticate). */
  static void updateSqn(Connection c, long id, long sqn) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE auth_sequence SET sqn = ? WHERE subscription_id = ?")) {
      s.setLong(1, sqn);
      s.setLong(2, id);
      s.executeUpdate();
    }
  }

  static void updateSubscription(Connection c, long id, SubscriberSpec spec) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE subscription SET k = ?, opc = ?, op = ?, amf = ?, password = ? WHERE id = ?")) {
      bindAuth(s, 1, spec);
      s.setLong(6, id);
      s.executeUpdate();
    }
    updateSqn(c, id, spec.sqn());
  }

  private static void bindAuth(PreparedStatement s, int first, SubscriberSpec spec)
      throws SQLException {
    AuthCredentials auth = spec.auth();
    s.setString(first, auth.k());
    s.setString(first + 1, auth.opc());
    s.setString(first + 2, auth.op());
    s.setString(first + 3, auth.amf());
    s.setString(first + 4, auth.password());
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
    try (PreparedStatement s = c.prepareStatement(INSERT_IDENTITY)) {
      int position = 0;
      for (PublicIdentity identity : spec.publicIdentities()) {
        bindIdentity(s, id, profileIds, position++, identity,
            states.getOrDefault(identity.uri(), RegistrationState.NOT_REGISTERED));
        s.executeUpdate();
      }
    }
  }

  private static final String INSERT_IDENTITY =
      "INSERT INTO public_identity (subscription_id, profile_id, position, impu, barred,"
          + " implicit_set, registration_state) VALUES (?, ?, ?, ?, ?, ?, ?)";

  private static void bindIdentity(PreparedStatement s, long id, Map<String, Long> profileIds, int position,
      PublicIdentity identity, RegistrationState state) throws SQLException {
    Long profileId = profileIds.get(identity.profile());
    if (profileId == null) {
      throw new IllegalArgumentException(
          identity.uri() + " names service profile " + identity.profile() + " that is not given");
    }
    s.setLong(1, id);
    s.setLong(2, profileId);
    s.setInt(3, position);
    s.setString(4, identity.uri());
    s.setBoolean(5, identity.barred());
    s.setInt(6, identity.implicitSet());
    s.setString(7, state.name());
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

  /** True when {@link #applyRegistration} would write nothing: same S-CSCF, every named state as it is. */
  static boolean changesNothing(Subscriber current, RegistrationChange change) {
    if (!Objects.equals(change.scscf(), current.scscf())) {
      return false;
    }
    for (Map.Entry<String, RegistrationState> entry : change.states().entrySet()) {
      RegistrationState before = current.states().get(entry.getKey());
      if (before != null && before != entry.getValue()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes what {@code change} changes of {@code current} and returns the subscriber after it; identities the
   * change names that the subscriber does not have are ignored. Nothing is written when nothing changes (a
   * re-registration at the same S-CSCF), which spares the store a commit that would write nothing new.
   */
  static Subscriber applyRegistration(Connection c, long id, Subscriber current, RegistrationChange change)
      throws SQLException {
    ServingScscf scscf = change.scscf();
    if (!Objects.equals(scscf, current.scscf())) {
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE subscription SET scscf_name = ?, scscf_host = ?, scscf_realm = ? WHERE id = ?")) {
        s.setString(1, scscf == null ? null : scscf.serverName());
        s.setString(2, scscf == null ? null : scscf.diameterHost());
        s.setString(3, scscf == null ? null : scscf.diameterRealm());
        s.setLong(4, id);
        s.executeUpdate();
      }
    }
    Map<String, RegistrationState> states = new HashMap<>(current.states());
    List<Map.Entry<String, RegistrationState>> changed = new ArrayList<>();
    for (Map.Entry<String, RegistrationState> entry : change.states().entrySet()) {
      RegistrationState before = current.states().get(entry.getKey());
      if (before != null && before != entry.getValue()) {
        states.put(entry.getKey(), entry.getValue());
        changed.add(entry);
      }
    }
    if (!changed.isEmpty()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE public_identity SET registration_state = ?"
                  + " WHERE subscription_id = ? AND impu = ?")) {
        for (Map.Entry<String, RegistrationState> entry : changed) {
          s.setString(1, entry.getValue().name());
          s.setLong(2, id);
          s.setString(3, entry.getKey());
          s.addBatch();
        }
        s.executeBatch();
      }
    }
    return new Subscriber(current.impi(), current.auth(), current.sqn(), current.publicIdentities(),
        current.serviceProfiles(), scscf, states);
  }

  /** The ids a batch generated, one per row in batch order. */
  private static long[] generatedIds(Statement s, int rows) throws SQLException {
    long[] ids = new long[rows];
    int n = 0;
    try (ResultSet keys = s.getGeneratedKeys()) {
      while (keys.next()) {
        if (n == rows) {
          throw new SQLException("the database returned more generated ids than the " + rows + " rows inserted");
        }
        ids[n++] = keys.getLong(1);
      }
    }
    if (n != rows) {
      throw new SQLException("the database returned " + n + " generated ids for " + rows + " rows");
    }
    return ids;
  }

  private static long generatedId(Statement s) throws SQLException {
    try (ResultSet keys = s.getGeneratedKeys()) {
      if (!keys.next()) {
        throw new SQLException("the database returned no generated id");
      }
      return keys.getLong(1);
    }
  }
}
