package org.imscore.hss.cx;

import java.util.List;
import java.util.Optional;
import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.ErrorAnswers;
import org.imscore.diameter.codec.ResultCode;
import org.imscore.diameter.cx.CxResult;
import org.imscore.diameter.dictionary.AvpDefinition;
import org.imscore.hss.profile.InitialFilterCriterion;
import org.imscore.hss.profile.ServiceProfile;
import org.imscore.hss.store.HssStore;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.Subscriber;

/** What the Cx procedures share: identity checks and error answers. */
final class Procedures {

  private Procedures() {}

  /** A subscriber found for a request, or the result to answer with instead. */
  record Found(Subscriber subscriber, CxResult failure) {
    static Found of(Subscriber subscriber) {
      return new Found(subscriber, null);
    }

    static Found failed(CxResult failure) {
      return new Found(null, failure);
    }

    boolean ok() {
      return failure == null;
    }
  }

  /**
   * TS 29.228 §6.1.1.1 steps 1-2 (and the same checks of MAR and SAR): the IMPU must be known
   * (else 5001 USER_UNKNOWN) and belong to the IMPI (else 5002 IDENTITIES_DONT_MATCH).
   */
  static Found byPrivateAndPublic(HssStore store, String impi, String impu) {
    // The usual case first, in one lookup by the IMPI's key: the IMPI exists and owns the IMPU.
    Optional<Subscriber> subscriber = impi == null ? Optional.empty() : store.find(impi);
    if (subscriber.isPresent() && subscriber.get().publicIdentity(impu).isPresent()) {
      return Found.of(subscriber.get());
    }
    Optional<Subscriber> owner = store.findByPublicIdentity(impu);
    if (owner.isPresent()) {
      return owner.get().impi().equals(impi) ? Found.of(owner.get()) : Found.failed(CxAnswers.IDENTITIES_DONT_MATCH);
    }
    return Found.failed(CxAnswers.USER_UNKNOWN);
  }

  /**
   * Whether an identity has services for the unregistered state: an initial filter criterion of its
   * profile that applies when unregistered (ProfilePartIndicator UNREGISTERED or absent).
   */
  static boolean hasUnregisteredServices(Subscriber subscriber, String impu) {
    return subscriber.publicIdentity(impu)
        .map(PublicIdentity::profile)
        .flatMap(subscriber::serviceProfile)
        .map(ServiceProfile::initialFilterCriteria)
        .orElse(List.of())
        .stream()
        .anyMatch(ifc -> ifc.profilePart() != InitialFilterCriterion.ProfilePart.REGISTERED);
  }

  /** A base-protocol error answer naming the offending AVP (RFC 6733 §7.5). */
  static DiameterMessage invalidValue(CxConfig config, DiameterMessage request, AvpDefinition avp, String why) {
    List<Avp> failed = request.find(avp).map(List::of).orElse(List.of());
    return ErrorAnswers.answer(
        request, ResultCode.INVALID_AVP_VALUE, why, failed, config.originHost(), config.originRealm());
  }

  static DiameterMessage missing(CxConfig config, DiameterMessage request, AvpDefinition avp) {
    return ErrorAnswers.answer(
        request,
        ResultCode.MISSING_AVP,
        avp.name() + " is missing",
        List.of(Avp.zeroFilled(avp)),
        config.originHost(),
        config.originRealm());
  }
}
