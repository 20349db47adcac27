package org.imscore.hss.cx;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.imscore.diameter.cx.ServerCapabilities;

/**
 * How the HSS answers on Cx.
 *
 * @param originHost this HSS's Diameter identity, e.g. hss.ims.mnc001.mcc001.3gppnetwork.org
 * @param originRealm its realm, e.g. ims.mnc001.mcc001.3gppnetwork.org
 * @param capabilities what UAA and LIA offer the I-CSCF to choose an S-CSCF with when none is
 *     assigned (TS 29.228 §6.1.1.1, Annex A); may list S-CSCF names
 * @param allowedVisitedNetworks Visited-Network-Identifier values a UAR may come from; empty
 *     allows every network
 * @param maxVectors the most authentication vectors one MAA carries, however many are asked for
 * @param sqnInd the IND slot (TS 33.102 Annex C.3) this HSS uses for IMS vectors
 * @param sqnBlock how many vectors' SQNs a MAR reserves ahead when it must raise the SQN mark the store keeps
 *     durably, so that the next MARs of the subscriber are answered without a write (HssStore#authenticate); in
 *     vector steps, each one SEQ further (TS 33.102 Annex C.1), whatever the length of IND
 */
public record CxConfig(
    String originHost,
    String originRealm,
    ServerCapabilities capabilities,
    Set<String> allowedVisitedNetworks,
    int maxVectors,
    int sqnInd,
    int sqnBlock) {

  public static final String DEFAULT_REALM = "ims.mnc001.mcc001.3gppnetwork.org";

  /**
   * The default {@link #sqnBlock}: one write per 32 vectors. After a restart the SQNs of a subscriber jump ahead by at
   * most this many SEQ steps, far inside the USIM's limit of 2^28 (TS 33.102 C.2.2, Δ).
   */
  public static final int DEFAULT_SQN_BLOCK = 32;

  public CxConfig {
    Objects.requireNonNull(originHost, "originHost");
    Objects.requireNonNull(originRealm, "originRealm");
    Objects.requireNonNull(capabilities, "capabilities");
    allowedVisitedNetworks = Set.copyOf(allowedVisitedNetworks);
    if (maxVectors < 1) {
      throw new IllegalArgumentException("maxVectors must be at least 1");
    }
    if (sqnBlock < 0) {
      throw new IllegalArgumentException("sqnBlock must not be negative");
    }
  }

  /** With the {@link #DEFAULT_SQN_BLOCK default SQN block}. */
  public CxConfig(
      String originHost,
      String originRealm,
      ServerCapabilities capabilities,
      Set<String> allowedVisitedNetworks,
      int maxVectors,
      int sqnInd) {
    this(originHost, originRealm, capabilities, allowedVisitedNetworks, maxVectors, sqnInd, DEFAULT_SQN_BLOCK);
  }

  /** The same configuration reserving {@code vectors} SQNs ahead (0: each MAR stores exactly the SQNs it uses). */
  public CxConfig withSqnBlock(int vectors) {
    return new CxConfig(originHost, originRealm, capabilities, allowedVisitedNetworks, maxVectors, sqnInd, vectors);
  }

  /**
   * The all-in-one defaults for a realm: hss.REALM, capabilities naming the one S-CSCF at
   * sip:scscf.REALM:6060, every visited network allowed, at most 5 vectors, IND 0, SQNs reserved 32 vectors ahead.
   */
  public static CxConfig defaults(String realm) {
    return new CxConfig(
        "hss." + realm,
        realm,
        new ServerCapabilities(List.of(), List.of(), List.of("sip:scscf." + realm + ":6060")),
        Set.of(),
        5,
        0,
        DEFAULT_SQN_BLOCK);
  }
}
