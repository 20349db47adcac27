package org.imscore.hss.testing;

import java.util.List;
import org.imscore.hss.profile.InitialFilterCriterion;
import org.imscore.hss.profile.InitialFilterCriterion.ApplicationServer;
import org.imscore.hss.profile.InitialFilterCriterion.DefaultHandling;
import org.imscore.hss.profile.InitialFilterCriterion.ProfilePart;
import org.imscore.hss.profile.ServiceProfile;
import org.imscore.hss.profile.TriggerPoint;
import org.imscore.hss.profile.TriggerPoint.RegistrationType;
import org.imscore.hss.profile.TriggerPoint.ServicePointTrigger;
import org.imscore.hss.profile.TriggerPoint.SessionCase;
import org.imscore.hss.subscriber.AuthCredentials;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.SubscriberSpec;

/** Subscribers for tests, with the keys of the real capture in the reference material. */
public final class Subscribers {

  public static final String REALM = "ims.mnc001.mcc001.3gppnetwork.org";
  /** K and OPc of the subscriber in open5gs' ipsec_reg.pcapng (aka-digest.md §6). */
  public static final String K = "8baf473f2f8fd09487cccbd7097c6862";
  public static final String OPC = "8e27b6af0e692e750f32667a3b14605d";

  private Subscribers() {}

  public static String impi(String user) {
    return user + "@" + REALM;
  }

  public static String sip(String user) {
    return "sip:" + user + "@" + REALM;
  }

  /** A subscriber with sip: and tel: identities in one implicit set and the default profile. */
  public static SubscriberSpec simple(String user, String tel) {
    return new SubscriberSpec(
        impi(user),
        new AuthCredentials(K, OPC, null, "8000", null),
        0,
        List.of(
            new PublicIdentity(sip(user), false, 1, ServiceProfile.DEFAULT_NAME),
            new PublicIdentity(tel, false, 1, ServiceProfile.DEFAULT_NAME)),
        List.of(ServiceProfile.empty(ServiceProfile.DEFAULT_NAME)));
  }

  /**
   * A subscriber shaped like the one of the real capture: a barred IMSI-based identity, a sip: and
   * a tel: identity in one implicit set, a second set, a password, and a profile with iFCs of every
   * SPT kind.
   */
  public static SubscriberSpec rich(String user) {
    TriggerPoint publish =
        new TriggerPoint(
            false,
            List.of(
                new ServicePointTrigger(false, 0, new TriggerPoint.Method("PUBLISH"), List.of()),
                new ServicePointTrigger(
                    false, 0, new TriggerPoint.SessionCaseIs(SessionCase.ORIGINATING_REGISTERED), List.of()),
                new ServicePointTrigger(
                    true, 1, new TriggerPoint.SipHeader("Event", ".*presence.*"), List.of())));
    TriggerPoint register =
        new TriggerPoint(
            true,
            List.of(
                new ServicePointTrigger(
                    false,
                    0,
                    new TriggerPoint.Method("REGISTER"),
                    List.of(RegistrationType.INITIAL_REGISTRATION, RegistrationType.DE_REGISTRATION)),
                new ServicePointTrigger(false, 1, new TriggerPoint.RequestUri("sip:.*@" + REALM), List.of()),
                new ServicePointTrigger(
                    false, 1, new TriggerPoint.SessionDescription("m", "audio.*"), List.of())));
    ServiceProfile profile =
        new ServiceProfile(
            "voice",
            List.of(
                new InitialFilterCriterion(
                    10,
                    register,
                    new ApplicationServer("sip:as.example.org:5070", DefaultHandling.SESSION_TERMINATED, "<info & more>"),
                    ProfilePart.REGISTERED),
                new InitialFilterCriterion(
                    0,
                    publish,
                    new ApplicationServer("sip:presence.example.org", DefaultHandling.SESSION_CONTINUED, null),
                    null),
                new InitialFilterCriterion(
                    20,
                    null,
                    new ApplicationServer("sip:catchall.example.org", DefaultHandling.SESSION_CONTINUED, null),
                    ProfilePart.UNREGISTERED)));
    return new SubscriberSpec(
        impi(user),
        new AuthCredentials(K, OPC, null, "8000", "secret"),
        32,
        List.of(
            new PublicIdentity(sip(user), true, 1, "voice"),
            new PublicIdentity(sip(user + ".alias"), false, 1, "voice"),
            new PublicIdentity("tel:+1555" + Math.abs(user.hashCode() % 10000), false, 1, "voice"),
            new PublicIdentity(sip(user + ".work"), false, 2, ServiceProfile.DEFAULT_NAME)),
        List.of(profile, ServiceProfile.empty(ServiceProfile.DEFAULT_NAME)));
  }
}
