package org.imscore.hss.subscriber;

/**
 * Registration state of a public identity as the HSS keeps it (TS 29.228 §6.1.2, Table 6.1.2.1).
 * {@link #UNREGISTERED} means an S-CSCF holds the identity for unregistered services only (for
 * example terminating calls to a user who is not registered).
 */
public enum RegistrationState {
  NOT_REGISTERED,
  REGISTERED,
  UNREGISTERED
}
