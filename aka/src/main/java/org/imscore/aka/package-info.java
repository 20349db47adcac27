/**
 * Authentication and Key Agreement for IMS: the Milenage algorithm set (3GPP TS 35.206), authentication vectors
 * (TS 33.102 §6.3.2), sequence number management (TS 33.102 Annex C) and resynchronisation from AUTS
 * (TS 33.102 §6.3.3 and §6.3.5).
 *
 * <p>Network side: {@link org.imscore.aka.AuthenticationCenter} makes {@link org.imscore.aka.AuthenticationVector}s
 * from {@link org.imscore.aka.SubscriberKeys} and handles AUTS. USIM side: {@link org.imscore.aka.Usim} checks AUTN
 * and answers with RES/CK/IK, or with a MAC or synchronisation failure. No sockets and no storage here: callers
 * keep the SQN state.
 */
package org.imscore.aka;
