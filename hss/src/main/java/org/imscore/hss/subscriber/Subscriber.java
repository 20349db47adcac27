package org.imscore.hss.subscriber;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.imscore.hss.profile.ServiceProfile;

/**
 * A subscriber as stored: the provisioned data plus the state the HSS keeps for it.
 *
 * @param sqn SQN_HE as stored: the greatest sequence number the HSS may have handed out - the last one, or the end
 *     of a block of SQNs reserved ahead (see HssStore#authenticate); provisioning a new one moves SQN_HE there
 * @param scscf the S-CSCF assigned (TS 29.228 §6.1.2, §6.3), or null when none
 * @param states registration state of every public identity, keyed by URI
 */
public record Subscriber(
    String impi,
    AuthCredentials auth,
    long sqn,
    List<PublicIdentity> publicIdentities,
    List<ServiceProfile> serviceProfiles,
    ServingScscf scscf,
    Map<String, RegistrationState> states) {

  public Subscriber {
    Objects.requireNonNull(impi, "impi");
    Objects.requireNonNull(auth, "auth");
    publicIdentities = List.copyOf(publicIdentities);
    serviceProfiles = List.copyOf(serviceProfiles);
    states = Map.copyOf(states);
  }

  public Optional<PublicIdentity> publicIdentity(String uri) {
    return publicIdentities.stream().filter(p -> p.uri().equals(uri)).findFirst();
  }

  public RegistrationState stateOf(String uri) {
    return states.getOrDefault(uri, RegistrationState.NOT_REGISTERED);
  }

  /** The identities registered together with {@code uri}: its implicit registration set. */
  public List<PublicIdentity> implicitSetOf(String uri) {
    return publicIdentity(uri)
        .map(p -> publicIdentities.stream().filter(o -> o.implicitSet() == p.implicitSet()).toList())
        .orElse(List.of());
  }

  public Optional<ServiceProfile> serviceProfile(String name) {
    return serviceProfiles.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public Optional<ServingScscf> assignedScscf() {
    return Optional.ofNullable(scscf);
  }

  /** The Server-Name of the assigned S-CSCF, or null. */
  public String scscfName() {
    return scscf == null ? null : scscf.serverName();
  }

  /** The provisioned part, as it would be given to create this subscriber again. */
  public SubscriberSpec spec() {
    return new SubscriberSpec(impi, auth, sqn, publicIdentities, serviceProfiles);
  }
}
