package org.imscore.hss.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imscore.hss.profile.InitialFilterCriterion;
import org.imscore.hss.profile.InitialFilterCriterion.ApplicationServer;
import org.imscore.hss.profile.InitialFilterCriterion.DefaultHandling;
import org.imscore.hss.profile.InitialFilterCriterion.ProfilePart;
import org.imscore.hss.profile.ServiceProfile;
import org.imscore.hss.profile.TriggerPoint;
import org.imscore.hss.profile.TriggerPoint.Condition;
import org.imscore.hss.profile.TriggerPoint.RegistrationType;
import org.imscore.hss.profile.TriggerPoint.ServicePointTrigger;
import org.imscore.hss.subscriber.AuthCredentials;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.RegistrationState;
import org.imscore.hss.subscriber.ServingScscf;
import org.imscore.hss.subscriber.Subscriber;

/**
 * Reads whole subscribers on the caller's transaction. Every Cx request reads one, so a read is three
 * statements: the subscription row with its SQN (locked for writers), its service profiles with their initial filter
 * criteria in one join, its public identities; service point triggers only when a criterion has a trigger point.
 */
final class SubscriberReads {

  private SubscriberReads() {}

  /** A subscriber and the id of its subscription row. */
  record Loaded(long id, Subscriber subscriber) {}

  /** Loads a whole subscriber; with {@code lock} its subscription row stays locked until commit. */
  static Optional<Subscriber> load(Connection c, String impi, boolean lock) throws SQLException {
    return loadWithId(c, impi, lock).map(Loaded::subscriber);
  }

  static Optional<Loaded> loadWithId(Connection c, String impi, boolean lock) throws SQLException {
    long id;
    AuthCredentials auth;
    long sqn;
    ServingScscf scscf;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT s.id, s.k, s.opc, s.op, s.amf, q.sqn, s.password, s.scscf_name, s.scscf_host, s.scscf_realm"
                + " FROM subscription s JOIN auth_sequence q ON q.subscription_id = s.id"
                + " WHERE s.impi = ?"
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
    List<ServiceProfile> profiles = profiles(c, id, profileNames);
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
    return Optional.of(new Loaded(id, new Subscriber(impi, auth, sqn, identities, profiles, scscf, states)));
  }

  /** The subscription's service profiles in id order, each with its criteria; fills {@code names} by id. */
  private static List<ServiceProfile> profiles(Connection c, long subscriptionId, Map<Long, String> names)
      throws SQLException {
    record Row(long id, int priority, ApplicationServer as, ProfilePart part, Boolean cnf) {}
    Map<Long, List<Row>> rows = new LinkedHashMap<>();
    boolean triggers = false;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT p.id, p.name, i.id, i.priority, i.server_name, i.default_handling, i.service_info,"
                + " i.profile_part, i.condition_type_cnf"
                + " FROM service_profile p LEFT JOIN initial_filter_criteria i ON i.profile_id = p.id"
                + " WHERE p.subscription_id = ? ORDER BY p.id, i.priority, i.id")) {
      s.setLong(1, subscriptionId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long profileId = r.getLong(1);
          names.put(profileId, r.getString(2));
          List<Row> criteria = rows.computeIfAbsent(profileId, k -> new ArrayList<>());
          long ifcId = r.getLong(3);
          if (r.wasNull()) {
            continue;
          }
          ApplicationServer as =
              new ApplicationServer(
                  r.getString(5), DefaultHandling.values()[r.getShort(6)], r.getString(7));
          short part = r.getShort(8);
          ProfilePart profilePart = r.wasNull() ? null : ProfilePart.values()[part];
          boolean cnf = r.getBoolean(9);
          Boolean condition = r.wasNull() ? null : cnf;
          triggers |= condition != null;
          criteria.add(new Row(ifcId, r.getInt(4), as, profilePart, condition));
        }
      }
    }
    Map<Long, List<ServicePointTrigger>> spts = triggers ? spts(c, subscriptionId) : Map.of();
    List<ServiceProfile> profiles = new ArrayList<>();
    for (Map.Entry<Long, List<Row>> profile : rows.entrySet()) {
      List<InitialFilterCriterion> ifcs = new ArrayList<>();
      for (Row row : profile.getValue()) {
        TriggerPoint trigger =
            row.cnf() == null ? null : new TriggerPoint(row.cnf(), spts.getOrDefault(row.id(), List.of()));
        ifcs.add(new InitialFilterCriterion(row.priority(), trigger, row.as(), row.part()));
      }
      profiles.add(new ServiceProfile(names.get(profile.getKey()), ifcs));
    }
    return profiles;
  }

  /** The service point triggers of every criterion of the subscription, by criterion id, in order. */
  private static Map<Long, List<ServicePointTrigger>> spts(Connection c, long subscriptionId)
      throws SQLException {
    Map<Long, List<ServicePointTrigger>> spts = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT t.ifc_id, t.negated, t.group_id, t.kind, t.match_value, t.match_content,"
                + " t.registration_types FROM service_point_trigger t"
                + " JOIN initial_filter_criteria i ON i.id = t.ifc_id"
                + " JOIN service_profile p ON p.id = i.profile_id"
                + " WHERE p.subscription_id = ? ORDER BY t.ifc_id, t.position")) {
      s.setLong(1, subscriptionId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Condition condition =
              new SptColumns(r.getString(4), r.getString(5), r.getString(6)).condition();
          List<RegistrationType> types =
              Arrays.stream(r.getString(7).split(","))
                  .filter(t -> !t.isEmpty())
                  .map(t -> RegistrationType.values()[Integer.parseInt(t)])
                  .toList();
          spts.computeIfAbsent(r.getLong(1), k -> new ArrayList<>())
              .add(new ServicePointTrigger(r.getBoolean(2), r.getInt(3), condition, types));
        }
      }
    }
    return spts;
  }
}
