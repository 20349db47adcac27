package org.imscore.hss.store;

import java.util.Map;
import org.imscore.hss.subscriber.RegistrationState;
import org.imscore.hss.subscriber.ServingScscf;

/**
 * A change of registration state decided by a Cx request.
 *
 * @param states new state of each identity named; identities not named keep theirs
 * @param scscf the S-CSCF assigned from now on, or null for none
 */
public record RegistrationChange(Map<String, RegistrationState> states, ServingScscf scscf) {

  public RegistrationChange {
    states = Map.copyOf(states);
  }
}
