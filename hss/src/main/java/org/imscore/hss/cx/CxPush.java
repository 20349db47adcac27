package org.imscore.hss.cx;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.CxRequestHeader;
import org.imscore.diameter.cx.CxResult;
import org.imscore.diameter.cx.DeregistrationReason;
import org.imscore.diameter.cx.PushProfileRequest;
import org.imscore.diameter.cx.ReasonCode;
import org.imscore.diameter.cx.RegistrationTerminationRequest;
import org.imscore.hss.profile.UserDataXml;
import org.imscore.hss.provisioning.ProvisioningListener;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.RegistrationState;
import org.imscore.hss.subscriber.ServingScscf;
import org.imscore.hss.subscriber.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests the HSS starts towards the serving S-CSCF when the operator changes a subscriber
 * (TS 29.228 §6.1.3, §6.1.4): RTR when a subscriber is deregistered administratively (Reason-Code
 * SERVER_CHANGE: the phone may register again) or deleted (PERMANENT_TERMINATION), PPR with the new
 * User-Data when the profile of a served subscriber changes. Sent after the change is committed;
 * a peer that does not answer is logged, the change stands.
 */
public final class CxPush implements ProvisioningListener {

  private static final Logger log = LoggerFactory.getLogger(CxPush.class);

  private final CxConfig config;
  private final SessionIds sessionIds;
  private final CxRequestSender sender;

  public CxPush(CxConfig config, SessionIds sessionIds, CxRequestSender sender) {
    this.config = config;
    this.sessionIds = sessionIds;
    this.sender = sender;
  }

  /** An RTR for every identity of {@code subscriber}, to the S-CSCF serving it. */
  public RegistrationTerminationRequest registrationTermination(
      Subscriber subscriber, ServingScscf scscf, ReasonCode reason, String info) {
    List<String> identities = subscriber.publicIdentities().stream().map(PublicIdentity::uri).toList();
    return new RegistrationTerminationRequest(
        header(scscf), subscriber.impi(), List.of(), identities, DeregistrationReason.of(reason, info),
        OptionalLong.empty());
  }

  /** A PPR carrying the User-Data of the identities the S-CSCF serves. */
  public PushProfileRequest pushProfile(Subscriber subscriber, ServingScscf scscf) {
    Set<String> served = new LinkedHashSet<>();
    for (PublicIdentity identity : subscriber.publicIdentities()) {
      if (subscriber.stateOf(identity.uri()) != RegistrationState.NOT_REGISTERED) {
        subscriber.implicitSetOf(identity.uri()).forEach(p -> served.add(p.uri()));
      }
    }
    List<PublicIdentity> identities =
        subscriber.publicIdentities().stream().filter(p -> served.contains(p.uri())).toList();
    return new PushProfileRequest(
        header(scscf), subscriber.impi(), Optional.of(UserDataXml.of(subscriber, identities)),
        Optional.empty(), Optional.empty());
  }

  @Override
  public void deregistered(Subscriber before) {
    before.assignedScscf().ifPresent(
        scscf ->
            send(registrationTermination(before, scscf, ReasonCode.SERVER_CHANGE, "administrative deregistration")
                .toMessage()));
  }

  @Override
  public void deleted(Subscriber subscriber) {
    subscriber.assignedScscf().ifPresent(
        scscf ->
            send(registrationTermination(subscriber, scscf, ReasonCode.PERMANENT_TERMINATION, "subscription removed")
                .toMessage()));
  }

  @Override
  public void changed(Subscriber before, Subscriber after) {
    boolean profileChanged =
        !before.publicIdentities().equals(after.publicIdentities())
            || !before.serviceProfiles().equals(after.serviceProfiles());
    boolean served = after.states().values().stream().anyMatch(s -> s != RegistrationState.NOT_REGISTERED);
    if (profileChanged && served && after.scscf() != null) {
      send(pushProfile(after, after.scscf()).toMessage());
    }
  }

  private CxRequestHeader header(ServingScscf scscf) {
    String realm = scscf.diameterRealm() != null ? scscf.diameterRealm() : config.originRealm();
    return CxRequestHeader.of(
        sessionIds.next(), config.originHost(), config.originRealm(), scscf.diameterHost(), realm);
  }

  private void send(DiameterMessage request) {
    String what = request.commandCode() == Cx.REGISTRATION_TERMINATION ? "RTR" : "PPR";
    String user = request.utf8(BaseAvps.USER_NAME).orElse("?");
    String to = request.destinationHost().orElse("?");
    try {
      sender
          .send(request)
          .whenComplete(
              (answer, failure) -> {
                if (failure != null) {
                  log.warn("{} {} to {} failed: {}", what, user, to, failure.toString());
                } else {
                  log.info("{} {} to {} -> {}", what, user, to,
                      CxResult.from(answer).map(Object::toString).orElse("no result"));
                }
              });
    } catch (RuntimeException e) {
      log.warn("{} {} to {} not sent: {}", what, user, to, e.toString());
    }
  }
}
