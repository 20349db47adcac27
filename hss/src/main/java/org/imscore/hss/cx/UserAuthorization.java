package org.imscore.hss.cx;

import java.util.List;
import java.util.Optional;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.cx.CxResult;
import org.imscore.diameter.cx.ServerCapabilities;
import org.imscore.diameter.cx.UserAuthorizationAnswer;
import org.imscore.diameter.cx.UserAuthorizationRequest;
import org.imscore.diameter.cx.UserAuthorizationType;
import org.imscore.hss.store.HssStore;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.RegistrationState;
import org.imscore.hss.subscriber.Subscriber;

/**
 * UAR/UAA (TS 29.228 §6.1.1.1): may this identity register, and which S-CSCF serves it? Read-only:
 * the HSS changes no state on a UAR.
 *
 * <pre>
 *   type                           state                              answer
 *   REGISTRATION (or absent)       REGISTERED / UNREGISTERED          2002 SUBSEQUENT_REGISTRATION + Server-Name
 *                                  NOT_REGISTERED, S-CSCF kept        2002 SUBSEQUENT_REGISTRATION + Server-Name
 *                                  NOT_REGISTERED, no S-CSCF          2001 FIRST_REGISTRATION + Server-Capabilities
 *   DE_REGISTRATION                REGISTERED / UNREGISTERED / kept   2001 DIAMETER_SUCCESS + Server-Name
 *                                  NOT_REGISTERED, no S-CSCF          5003 IDENTITY_NOT_REGISTERED
 *   REGISTRATION_AND_CAPABILITIES  any                                2001 FIRST_REGISTRATION + Server-Capabilities
 * </pre>
 *
 * Before that: 5001 USER_UNKNOWN, 5002 IDENTITIES_DONT_MATCH, 5004 ROAMING_NOT_ALLOWED (visited
 * network not allowed), and base 5003 AUTHORIZATION_REJECTED when the identity and every identity
 * registered with it are barred (a barred identity may be registered with a non-barred one).
 * An emergency registration (UAR-Flags bit 0) skips the barring and roaming checks.
 */
final class UserAuthorization {

  private final HssStore store;
  private final CxConfig config;

  UserAuthorization(HssStore store, CxConfig config) {
    this.store = store;
    this.config = config;
  }

  DiameterMessage answer(DiameterMessage request) {
    Optional<UserAuthorizationRequest> parsed = UserAuthorizationRequest.from(request);
    if (parsed.isEmpty()) {
      return Procedures.missing(config, request, CxAvps.PUBLIC_IDENTITY);
    }
    UserAuthorizationRequest uar = parsed.get();
    Optional<UserAuthorizationType> type = uar.type();
    if (type.isEmpty()) {
      return Procedures.invalidValue(
          config, request, CxAvps.USER_AUTHORIZATION_TYPE,
          "User-Authorization-Type " + uar.authorizationType() + " is not 0, 1 or 2");
    }
    return decide(uar, type.get()).toMessage(request, config.originHost(), config.originRealm());
  }

  private UserAuthorizationAnswer decide(UserAuthorizationRequest uar, UserAuthorizationType type) {
    Procedures.Found found = Procedures.byPrivateAndPublic(store, uar.userName(), uar.publicIdentity());
    if (!found.ok()) {
      return failure(found.failure());
    }
    Subscriber subscriber = found.subscriber();
    String impu = uar.publicIdentity();
    // UAR-Flags bit 0 (TS 29.229 §6.3.44): an IMS emergency registration skips the barring and
    // roaming checks (TS 29.228 §6.1.1.1).
    boolean emergency = (uar.uarFlags().orElse(0) & 1) != 0;
    if (type != UserAuthorizationType.DE_REGISTRATION && !emergency) {
      if (subscriber.implicitSetOf(impu).stream().allMatch(PublicIdentity::barred)) {
        return failure(CxAnswers.AUTHORIZATION_REJECTED);
      }
      if (!config.allowedVisitedNetworks().isEmpty()
          && !config.allowedVisitedNetworks().contains(uar.visitedNetworkIdentifier())) {
        return failure(CxAnswers.ROAMING_NOT_ALLOWED);
      }
    }
    RegistrationState state = subscriber.stateOf(impu);
    Optional<String> serverName = Optional.ofNullable(subscriber.scscfName());
    boolean served = state != RegistrationState.NOT_REGISTERED || serverName.isPresent();
    return switch (type) {
      case REGISTRATION ->
          served && serverName.isPresent()
              ? withName(CxAnswers.SUBSEQUENT_REGISTRATION, serverName.get())
              : withCapabilities(CxAnswers.FIRST_REGISTRATION);
      case DE_REGISTRATION ->
          served && serverName.isPresent()
              ? withName(CxAnswers.SUCCESS, serverName.get())
              : failure(CxAnswers.IDENTITY_NOT_REGISTERED);
      case REGISTRATION_AND_CAPABILITIES -> withCapabilities(CxAnswers.FIRST_REGISTRATION);
    };
  }

  private UserAuthorizationAnswer withName(CxResult result, String serverName) {
    return new UserAuthorizationAnswer(result, Optional.of(serverName), Optional.empty(), List.of());
  }

  private UserAuthorizationAnswer withCapabilities(CxResult result) {
    ServerCapabilities capabilities = config.capabilities();
    return new UserAuthorizationAnswer(result, Optional.empty(), Optional.of(capabilities), List.of());
  }

  private static UserAuthorizationAnswer failure(CxResult result) {
    return new UserAuthorizationAnswer(result, Optional.empty(), Optional.empty(), List.of());
  }
}
