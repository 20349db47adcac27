package org.imscore.hss.cx;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.cx.CxResult;
import org.imscore.diameter.cx.ServerAssignmentAnswer;
import org.imscore.diameter.cx.ServerAssignmentRequest;
import org.imscore.diameter.cx.ServerAssignmentType;
import org.imscore.hss.profile.UserDataXml;
import org.imscore.hss.store.HssStore;
import org.imscore.hss.store.RegistrationChange;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.RegistrationState;
import org.imscore.hss.subscriber.ServingScscf;
import org.imscore.hss.subscriber.Subscriber;

/**
 * SAR/SAA (TS 29.228 §6.1.2.1): the S-CSCF takes on, keeps or gives up a user. The identities
 * concerned are the implicit registration sets of the Public-Identity AVPs, or every identity of
 * the IMPI when there is none. Success is a base Result-Code 2001 (Kamailio treats an SAA with only
 * an Experimental-Result as a failure).
 *
 * <pre>
 *   type                                        state of the identities   S-CSCF name      User-Data
 *   NO_ASSIGNMENT (0), AAA_USER_DATA_REQUEST(12) unchanged                 unchanged        yes
 *   REGISTRATION (1), RE_REGISTRATION (2),       REGISTERED                stored           yes (*)
 *     RESTORATION (14)
 *   UNREGISTERED_USER (3)                        NOT_REGISTERED -> UNREG.  stored           yes
 *   TIMEOUT_ (4), USER_ (5), ADMINISTRATIVE_ (8) NOT_REGISTERED            cleared when no  no
 *     DEREGISTRATION, DEREGISTRATION_TOO_MUCH_DATA (11)                    identity is left
 *   TIMEOUT_/USER_DEREGISTRATION_STORE_SERVER_   NOT_REGISTERED            kept             no
 *     NAME (6, 7)
 *   AUTHENTICATION_FAILURE (9), _TIMEOUT (10)    unchanged                 cleared if none  no
 *                                                                          is registered
 *   PGW_UPDATE (13)                              unchanged                 unchanged        no
 * </pre>
 * (*) unless User-Data-Already-Available says the S-CSCF has it. NO_ASSIGNMENT and the
 * deregistrations from an S-CSCF other than the assigned one get 5012 DIAMETER_UNABLE_TO_COMPLY;
 * UNREGISTERED_USER for a user registered at another S-CSCF too.
 */
final class ServerAssignment {

  private final HssStore store;
  private final CxConfig config;

  ServerAssignment(HssStore store, CxConfig config) {
    this.store = store;
    this.config = config;
  }

  DiameterMessage answer(DiameterMessage request) {
    Optional<ServerAssignmentRequest> parsed = ServerAssignmentRequest.from(request);
    if (parsed.isEmpty()) {
      return Procedures.missing(config, request, CxAvps.SERVER_ASSIGNMENT_TYPE);
    }
    ServerAssignmentRequest sar = parsed.get();
    Optional<ServerAssignmentType> type = sar.type();
    if (type.isEmpty()) {
      return Procedures.invalidValue(
          config, request, CxAvps.SERVER_ASSIGNMENT_TYPE,
          "Server-Assignment-Type " + sar.assignmentType() + " is not 0 to 14");
    }
    if (sar.userName().isEmpty() && sar.publicIdentities().isEmpty()) {
      return Procedures.missing(config, request, BaseAvps.USER_NAME);
    }
    return decide(sar, type.get()).toMessage(request, config.originHost(), config.originRealm());
  }

  private ServerAssignmentAnswer decide(ServerAssignmentRequest sar, ServerAssignmentType type) {
    String impi = sar.userName().orElse(null);
    if (impi == null) {
      Optional<Subscriber> owner = store.findByPublicIdentity(sar.publicIdentities().get(0));
      if (owner.isEmpty()) {
        return failure(sar, CxAnswers.USER_UNKNOWN);
      }
      impi = owner.get().impi();
    }
    ServingScscf requester =
        new ServingScscf(sar.serverName(), sar.header().originHost(), sar.header().originRealm());
    Outcome[] outcome = new Outcome[1];
    // The identity checks run on the subscriber as locked for the change: one read of it, not two.
    Optional<Subscriber> after =
        store.changeRegistration(
            impi,
            current -> {
              if (!sar.publicIdentities().stream().allMatch(p -> current.publicIdentity(p).isPresent())) {
                return null;
              }
              Set<String> targets = targets(current, sar);
              outcome[0] = Outcome.decide(type, current, targets, requester);
              return outcome[0].change();
            });
    if (outcome[0] == null) {
      // The IMPI is unknown or an IMPU is not its: the identities tell which (5001 or 5002).
      Procedures.Found found = find(sar);
      return failure(sar, found.ok() ? CxAnswers.USER_UNKNOWN : found.failure());
    }
    Optional<String> userData = Optional.empty();
    if (outcome[0].userData() && !(sar.userDataAlreadyAvailable() && isRegistration(type))) {
      Subscriber subscriber = after.orElseThrow();
      Set<String> targets = targets(subscriber, sar);
      List<PublicIdentity> identities =
          subscriber.publicIdentities().stream().filter(p -> targets.contains(p.uri())).toList();
      userData = Optional.of(UserDataXml.of(subscriber, identities));
    }
    return new ServerAssignmentAnswer(
        outcome[0].result(), Optional.of(impi), userData, Optional.empty(), List.of(), OptionalInt.empty(),
        Optional.empty());
  }

  private static boolean isRegistration(ServerAssignmentType type) {
    return type == ServerAssignmentType.REGISTRATION || type == ServerAssignmentType.RE_REGISTRATION;
  }

  /**
   * The subscriber named by User-Name and/or the Public-Identity AVPs, all of which it must own; or why not.
   * Only asked when the locked check failed, to tell the failures apart.
   */
  private Procedures.Found find(ServerAssignmentRequest sar) {
    String impi;
    if (sar.userName().isPresent()) {
      impi = sar.userName().get();
    } else {
      Optional<Subscriber> owner = store.findByPublicIdentity(sar.publicIdentities().get(0));
      if (owner.isEmpty()) {
        return Procedures.Found.failed(CxAnswers.USER_UNKNOWN);
      }
      impi = owner.get().impi();
    }
    Procedures.Found found = null;
    for (String impu : sar.publicIdentities()) {
      found = Procedures.byPrivateAndPublic(store, impi, impu);
      if (!found.ok()) {
        return found;
      }
    }
    if (found != null) {
      return found;
    }
    return store.find(impi).map(Procedures.Found::of).orElse(Procedures.Found.failed(CxAnswers.USER_UNKNOWN));
  }

  /** The implicit registration sets of the identities named, or all identities when none is. */
  private static Set<String> targets(Subscriber subscriber, ServerAssignmentRequest sar) {
    Set<String> targets = new LinkedHashSet<>();
    if (sar.publicIdentities().isEmpty()) {
      subscriber.publicIdentities().forEach(p -> targets.add(p.uri()));
    }
    for (String impu : sar.publicIdentities()) {
      subscriber.implicitSetOf(impu).forEach(p -> targets.add(p.uri()));
    }
    return targets;
  }

  private static ServerAssignmentAnswer failure(ServerAssignmentRequest sar, CxResult result) {
    return new ServerAssignmentAnswer(
        result, sar.userName(), Optional.empty(), Optional.empty(), List.of(), OptionalInt.empty(), Optional.empty());
  }

  /** What one SAR does: the answer's result, the state change (null for none), User-Data or not. */
  private record Outcome(CxResult result, RegistrationChange change, boolean userData) {

    static Outcome decide(
        ServerAssignmentType type, Subscriber current, Set<String> targets, ServingScscf requester) {
      ServingScscf assigned = current.scscf();
      boolean fromAssigned = assigned == null || assigned.serverName().equals(requester.serverName());
      return switch (type) {
        case NO_ASSIGNMENT ->
            fromAssigned ? new Outcome(CxAnswers.SUCCESS, null, true) : refuse();
        case AAA_USER_DATA_REQUEST -> new Outcome(CxAnswers.SUCCESS, null, true);
        case PGW_UPDATE -> new Outcome(CxAnswers.SUCCESS, null, false);
        case REGISTRATION, RE_REGISTRATION, RESTORATION ->
            new Outcome(CxAnswers.SUCCESS, change(targets, RegistrationState.REGISTERED, requester), true);
        case UNREGISTERED_USER -> {
          boolean registeredElsewhere =
              !fromAssigned && current.states().values().contains(RegistrationState.REGISTERED);
          if (registeredElsewhere) {
            yield refuse();
          }
          Map<String, RegistrationState> states = new HashMap<>();
          for (String impu : targets) {
            if (current.stateOf(impu) == RegistrationState.NOT_REGISTERED) {
              states.put(impu, RegistrationState.UNREGISTERED);
            }
          }
          yield new Outcome(CxAnswers.SUCCESS, new RegistrationChange(states, requester), true);
        }
        case TIMEOUT_DEREGISTRATION, USER_DEREGISTRATION, ADMINISTRATIVE_DEREGISTRATION,
            DEREGISTRATION_TOO_MUCH_DATA -> {
          if (!fromAssigned) {
            yield refuse();
          }
          boolean othersServed = servedOutside(current, targets);
          yield new Outcome(
              CxAnswers.SUCCESS,
              change(targets, RegistrationState.NOT_REGISTERED, othersServed ? assigned : null),
              false);
        }
        case TIMEOUT_DEREGISTRATION_STORE_SERVER_NAME, USER_DEREGISTRATION_STORE_SERVER_NAME ->
            fromAssigned
                ? new Outcome(
                    CxAnswers.SUCCESS, change(targets, RegistrationState.NOT_REGISTERED, requester), false)
                : refuse();
        case AUTHENTICATION_FAILURE, AUTHENTICATION_TIMEOUT -> {
          // §6.1.2.1: the registration state stays; an S-CSCF stored only for this attempt goes.
          boolean anyServed =
              current.states().values().stream().anyMatch(s -> s != RegistrationState.NOT_REGISTERED);
          yield new Outcome(
              CxAnswers.SUCCESS, anyServed ? null : new RegistrationChange(Map.of(), null), false);
        }
      };
    }

    private static Outcome refuse() {
      return new Outcome(CxAnswers.UNABLE_TO_COMPLY, null, false);
    }

    private static boolean servedOutside(Subscriber current, Set<String> targets) {
      return current.states().entrySet().stream()
          .anyMatch(e -> !targets.contains(e.getKey()) && e.getValue() != RegistrationState.NOT_REGISTERED);
    }

    private static RegistrationChange change(
        Set<String> targets, RegistrationState state, ServingScscf scscf) {
      Map<String, RegistrationState> states = new HashMap<>();
      targets.forEach(t -> states.put(t, state));
      return new RegistrationChange(states, scscf);
    }
  }
}
