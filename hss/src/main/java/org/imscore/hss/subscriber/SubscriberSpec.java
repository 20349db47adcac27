package org.imscore.hss.subscriber;

import java.util.List;
import java.util.Objects;
import org.imscore.hss.profile.ServiceProfile;

/**
 * What an operator provisions for one subscriber: its private identity, credentials, the SQN to
 * start from, its public identities and their service profiles. Dynamic state (registration, the
 * assigned S-CSCF, the SQN as it advances) lives in {@link Subscriber}.
 */
public record SubscriberSpec(
    String impi,
    AuthCredentials auth,
    long sqn,
    List<PublicIdentity> publicIdentities,
    List<ServiceProfile> serviceProfiles) {

  public SubscriberSpec {
    Objects.requireNonNull(impi, "impi");
    Objects.requireNonNull(auth, "auth");
    publicIdentities = List.copyOf(publicIdentities);
    serviceProfiles = List.copyOf(serviceProfiles);
  }
}
