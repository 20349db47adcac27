package org.imscore.hss.subscriber;

import java.util.Objects;

/**
 * The S-CSCF that serves a subscriber: the SIP URI it gave as Server-Name, and the Diameter
 * identity it spoke from, where the HSS sends RTR and PPR (TS 29.228 §6.1.3, §6.1.4).
 *
 * @param diameterHost Origin-Host of the request that assigned it, or null when unknown
 * @param diameterRealm Origin-Realm of that request, or null when unknown
 */
public record ServingScscf(String serverName, String diameterHost, String diameterRealm) {

  public ServingScscf {
    Objects.requireNonNull(serverName, "serverName");
  }
}
