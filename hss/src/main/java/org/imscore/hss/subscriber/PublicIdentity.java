package org.imscore.hss.subscriber;

import java.util.Objects;

/**
 * One provisioned public user identity (IMPU) of a subscriber.
 *
 * @param uri a sip:, sips: or tel: URI
 * @param barred whether the identity is barred (TS 29.228 §6.1.1: it may be registered, e.g. as
 *     part of an implicit set, but never used for a session)
 * @param implicitSet identities with the same number form one implicit registration set (TS 23.228
 *     §4.3.3.3): they are registered and deregistered together
 * @param profile name of the subscriber's service profile this identity belongs to
 */
public record PublicIdentity(String uri, boolean barred, int implicitSet, String profile) {

  public PublicIdentity {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(profile, "profile");
  }
}
