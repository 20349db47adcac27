package org.imscore.hss.provisioning;

import java.util.List;
import org.imscore.hss.profile.ServiceProfile;
import org.imscore.hss.subscriber.PublicIdentity;

/**
 * A partial change of a subscriber: null fields stay as they are. Giving {@code op} replaces OPc
 * by OP and vice versa; an empty {@code password} removes the SIP Digest password. Public
 * identities and service profiles, when given, replace the whole list.
 */
public record SubscriberPatch(
    String k,
    String opc,
    String op,
    String amf,
    Long sqn,
    String password,
    List<PublicIdentity> publicIdentities,
    List<ServiceProfile> serviceProfiles) {

  public static SubscriberPatch none() {
    return new SubscriberPatch(null, null, null, null, null, null, null, null);
  }
}
