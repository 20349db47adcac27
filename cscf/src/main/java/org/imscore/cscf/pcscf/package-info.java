/**
 * The P-CSCF's registration role (TS 24.229 §5.2.2, §5.2.6.3): {@link org.imscore.cscf.pcscf.PcscfRegistrar}
 * prepares the UE's REGISTER for the home network (Path, P-Visited-Network-ID, P-Charging-Vector, the Authorization
 * with {@code integrity-protected}), takes CK/IK out of the 401 before the UE sees it, learns bindings, associated
 * identities and the Service-Route from the 200 OK, and admits other requests only from registered UEs, asserting
 * their identity. Bindings live behind {@link org.imscore.cscf.pcscf.PcscfBindingStore}.
 *
 * <p>Via, Max-Forwards, Record-Route and the choice of socket are the proxy core's; the messages returned here are
 * what the proxy core forwards.
 */
package org.imscore.cscf.pcscf;
