package org.imscore.server.run;

import java.util.Map;
import java.util.Objects;
import org.imscore.sip.proxy.ForkingMode;

/**
 * Everything {@link Core} needs to start, as {@code imscore.yaml} spells it (see {@code imscore.example.yaml} at the
 * repository root for every key with its default). Addresses are IP literals; port 0 takes a free port. The same
 * file serves a split deployment: each function listens where its section says and finds the others there.
 *
 * @param domain the home network domain: Diameter realm, Digest realm, and the names of the functions
 *               ({@code pcscf.DOMAIN}, {@code icscf.DOMAIN}, {@code scscf.DOMAIN}, {@code hss.DOMAIN})
 * @param pcscf  where the P-CSCF listens (UDP and TCP on one port)
 * @param icscf  where the I-CSCF listens
 * @param scscf  where the S-CSCF listens, and its registrar's limits
 * @param hss    where the HSS serves Cx and the REST API, and its store
 * @param hosts  extra host name to IP entries for routing between functions (the functions' own names are added
 *               from their sections)
 */
public record CoreConfig(String domain, SipFunction pcscf, SipFunction icscf, Scscf scscf, Hss hss,
            Map<String, String> hosts) {

  public static final String DEFAULT_DOMAIN = "ims.mnc001.mcc001.3gppnetwork.org";

  public CoreConfig {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(pcscf, "pcscf");
    Objects.requireNonNull(icscf, "icscf");
    Objects.requireNonNull(scscf, "scscf");
    Objects.requireNonNull(hss, "hss");
    hosts = Map.copyOf(hosts == null ? Map.of() : hosts);
  }

  /** A CSCF's SIP address. */
  public record SipFunction(String listen, int port) {
  }

  /**
   * The S-CSCF's address, registrar limits and how it tries a callee's contacts.
   *
   * @param defaultExpires       seconds granted to a contact that asks for none
   * @param minExpires           shorter non-zero requests get 423 Interval Too Brief
   * @param maxExpires           longer requests are shortened to this
   * @param expiryCheckSeconds   how often expired bindings and reg-event subscriptions are removed
   * @param forking              a callee's registered contacts all at once ({@code parallel}) or by q-value, highest
   *                             first, equal values together ({@code sequential}); a caller's Request-Disposition
   *                             (RFC 3841) chooses per call
   * @param branchTimeoutSeconds sequential forking: how long contacts may ring before the next ones are tried
   * @param noAnswerSeconds      how long a call may ring unanswered before its contacts are cancelled and the caller
   *                             gets 480
   * @param numbers              global numbers (or prefixes ending in {@code *}) the S-CSCF translates to a URI
   *                             before routing, the local ENUM: {@code "+15550100": sip:carol@example.net}; a
   *                             {@code {number}} in the URI stands for the dialled number
   */
  public record Scscf(String listen, int port, long defaultExpires, long minExpires, long maxExpires,
            int expiryCheckSeconds, ForkingMode forking, int branchTimeoutSeconds, int noAnswerSeconds,
            Map<String, String> numbers) {

    /** Without a number table. */
    public Scscf(String listen, int port, long defaultExpires, long minExpires, long maxExpires,
          int expiryCheckSeconds, ForkingMode forking, int branchTimeoutSeconds, int noAnswerSeconds) {
      this(listen, port, defaultExpires, minExpires, maxExpires, expiryCheckSeconds, forking, branchTimeoutSeconds,
          noAnswerSeconds, Map.of());
    }

    /** Parallel forking, 20 s per sequential branch, 60 s without an answer. */
    public Scscf(String listen, int port, long defaultExpires, long minExpires, long maxExpires,
          int expiryCheckSeconds) {
      this(listen, port, defaultExpires, minExpires, maxExpires, expiryCheckSeconds, ForkingMode.PARALLEL, 20, 60);
    }

    public Scscf {
      Objects.requireNonNull(forking, "forking");
      numbers = numbers == null ? Map.of() : Map.copyOf(numbers);
    }

    /** The same S-CSCF with other forking settings. */
    public Scscf withForking(ForkingMode mode, int branchSeconds, int noAnswer) {
      return new Scscf(listen, port, defaultExpires, minExpires, maxExpires, expiryCheckSeconds, mode, branchSeconds,
          noAnswer, numbers);
    }

    /** The same S-CSCF with another number table. */
    public Scscf withNumbers(Map<String, String> table) {
      return new Scscf(listen, port, defaultExpires, minExpires, maxExpires, expiryCheckSeconds, forking,
          branchTimeoutSeconds, noAnswerSeconds, table);
    }
  }

  /**
   * The HSS.
   *
   * @param listen    Cx (Diameter over TCP) address
   * @param port      Cx port
   * @param apiListen REST API address
   * @param apiPort   REST API port
   * @param store     {@code file}: embedded H2 under {@code dataDir}; {@code memory}: gone when the process ends
   * @param dataDir   where the H2 file lives
   */
  public record Hss(String listen, int port, String apiListen, int apiPort, Store store, String dataDir) {
  }

  /** Where the HSS keeps subscribers. */
  public enum Store { FILE, MEMORY }

  /** The all-in-one defaults of ARCHITECTURE.md: 5060, 4060, 6060, Cx 3868, REST 8080, H2 under ./data. */
  public static CoreConfig defaults() {
    return new CoreConfig(DEFAULT_DOMAIN,
        new SipFunction("127.0.0.1", 5060),
        new SipFunction("127.0.0.1", 4060),
        new Scscf("127.0.0.1", 6060, 3600, 60, 600_000, 5),
        new Hss("127.0.0.1", 3868, "127.0.0.1", 8080, Store.FILE, "./data"),
        Map.of());
  }

  /** For tests: every function on a free loopback port, the HSS store in memory, expiry checked each second. */
  public static CoreConfig ephemeral() {
    CoreConfig d = defaults();
    return new CoreConfig(d.domain, new SipFunction("127.0.0.1", 0), new SipFunction("127.0.0.1", 0),
        new Scscf("127.0.0.1", 0, d.scscf.defaultExpires, d.scscf.minExpires, d.scscf.maxExpires, 1, d.scscf.forking,
            d.scscf.branchTimeoutSeconds, d.scscf.noAnswerSeconds),
        new Hss("127.0.0.1", 0, "127.0.0.1", 0, Store.MEMORY, d.hss.dataDir), Map.of());
  }

  public CoreConfig withDomain(String newDomain) {
    return new CoreConfig(newDomain, pcscf, icscf, scscf, hss, hosts);
  }

  public CoreConfig withScscf(Scscf newScscf) {
    return new CoreConfig(domain, pcscf, icscf, newScscf, hss, hosts);
  }

  public CoreConfig withHss(Hss newHss) {
    return new CoreConfig(domain, pcscf, icscf, scscf, newHss, hosts);
  }
}
