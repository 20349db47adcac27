package org.imscore.hss.cx;

import java.util.Optional;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.cx.CxResult;
import org.imscore.diameter.cx.LocationInfoAnswer;
import org.imscore.diameter.cx.LocationInfoRequest;
import org.imscore.hss.store.HssStore;
import org.imscore.hss.subscriber.RegistrationState;
import org.imscore.hss.subscriber.Subscriber;

/**
 * LIR/LIA (TS 29.228 §6.1.4.1): which S-CSCF serves a public identity, for the I-CSCF routing a
 * terminating (or, with Originating-Request, an originating) request. Read-only.
 *
 * <pre>
 *   REGISTERED, UNREGISTERED                     2001 DIAMETER_SUCCESS + Server-Name
 *   NOT_REGISTERED with unregistered services    2001 DIAMETER_SUCCESS + Server-Name when one is kept,
 *     (or Originating-Request)                   else 2003 UNREGISTERED_SERVICE + Server-Capabilities
 *                                                     (the I-CSCF picks an S-CSCF, which then sends
 *                                                     SAR UNREGISTERED_USER)
 *   NOT_REGISTERED without                       5003 IDENTITY_NOT_REGISTERED
 *   unknown identity                             5001 USER_UNKNOWN
 * </pre>
 */
final class LocationInfo {

  private final HssStore store;
  private final CxConfig config;

  LocationInfo(HssStore store, CxConfig config) {
    this.store = store;
    this.config = config;
  }

  DiameterMessage answer(DiameterMessage request) {
    Optional<LocationInfoRequest> parsed = LocationInfoRequest.from(request);
    if (parsed.isEmpty()) {
      return Procedures.missing(config, request, CxAvps.PUBLIC_IDENTITY);
    }
    return decide(parsed.get()).toMessage(request, config.originHost(), config.originRealm());
  }

  private LocationInfoAnswer decide(LocationInfoRequest lir) {
    Optional<Subscriber> found = store.findByPublicIdentity(lir.publicIdentity());
    if (found.isEmpty()) {
      return answer(CxAnswers.USER_UNKNOWN, null);
    }
    Subscriber subscriber = found.get();
    String serverName = subscriber.scscfName();
    RegistrationState state = subscriber.stateOf(lir.publicIdentity());
    if (state != RegistrationState.NOT_REGISTERED && serverName != null) {
      return answer(CxAnswers.SUCCESS, serverName);
    }
    if (lir.originating() || Procedures.hasUnregisteredServices(subscriber, lir.publicIdentity())) {
      return serverName != null
          ? answer(CxAnswers.SUCCESS, serverName)
          : new LocationInfoAnswer(
              CxAnswers.UNREGISTERED_SERVICE, Optional.empty(), Optional.of(config.capabilities()), Optional.empty());
    }
    return answer(CxAnswers.IDENTITY_NOT_REGISTERED, null);
  }

  private static LocationInfoAnswer answer(CxResult result, String serverName) {
    return new LocationInfoAnswer(result, Optional.ofNullable(serverName), Optional.empty(), Optional.empty());
  }
}
