package org.imscore.hss.provisioning;

import org.imscore.hss.subscriber.Subscriber;

/**
 * Told of provisioning changes after they are committed, so that the Cx side can push them to the
 * serving S-CSCF (PPR on a profile change, RTR when a subscriber goes away, TS 29.228 §6.1.3/6.1.4).
 */
public interface ProvisioningListener {

  ProvisioningListener NONE = new ProvisioningListener() {};

  default void changed(Subscriber before, Subscriber after) {}

  default void deleted(Subscriber subscriber) {}

  /** The operator deregistered the subscriber; {@code before} still names its S-CSCF. */
  default void deregistered(Subscriber before) {}
}
