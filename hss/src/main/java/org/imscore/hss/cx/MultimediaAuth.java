package org.imscore.hss.cx;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.imscore.aka.AuthenticationCenter;
import org.imscore.aka.AuthenticationVector;
import org.imscore.aka.Milenage;
import org.imscore.aka.Octets;
import org.imscore.aka.ResyncResult;
import org.imscore.aka.Sqn;
import org.imscore.aka.SqnScheme;
import org.imscore.aka.SubscriberKeys;
import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.cx.CxResult;
import org.imscore.diameter.cx.MultimediaAuthAnswer;
import org.imscore.diameter.cx.MultimediaAuthRequest;
import org.imscore.diameter.cx.SipAuthDataItem;
import org.imscore.hss.store.AuthIssuer;
import org.imscore.hss.store.HssStore;
import org.imscore.hss.store.RegistrationChange;
import org.imscore.hss.subscriber.AuthCredentials;
import org.imscore.hss.subscriber.RegistrationState;
import org.imscore.hss.subscriber.ServingScscf;
import org.imscore.hss.subscriber.Subscriber;

/**
 * MAR/MAA (TS 29.228 §6.3, TS 29.229 §6.1.7/6.1.8, TS 33.203 §6.1): authentication data for the
 * S-CSCF.
 *
 * <ul>
 *   <li>Digest-AKAv1-MD5 / Digest-AKAv2-MD5 (and "Unknown", which gets AKAv1): up to
 *       SIP-Number-Auth-Items vectors (capped by {@link CxConfig#maxVectors()}), each with
 *       SIP-Authenticate = RAND‖AUTN, SIP-Authorization = XRES, Confidentiality-Key = CK,
 *       Integrity-Key = IK. SQN_HE advances; the answer leaves only once the store durably holds a mark at or
 *       above every SQN in it, which for most MARs it did already: a MAR that passes the mark reserves
 *       {@link CxConfig#sqnBlock()} vectors' SQNs ahead (see HssStore#authenticate).
 *   <li>Resynchronisation: SIP-Authorization = RAND‖AUTS (30 octets) in the request; a valid AUTS
 *       moves SQN_HE past SQN_MS (TS 33.102 §6.3.5) and fresh vectors follow; a bad MAC-S is
 *       answered 5003 DIAMETER_AUTHORIZATION_REJECTED and SQN_HE stays.
 *   <li>SIP Digest (TS 29.229 §6.3.36, for phones without AKA): SIP-Digest-Authenticate with the
 *       realm, MD5, qop auth and HA1 = MD5(IMPI:realm:password); needs a provisioned password.
 * </ul>
 *
 * When the identity is not registered the requesting S-CSCF is stored as the assigned one (§6.3.1),
 * so that the I-CSCF routes the second REGISTER to it. Every MAA carries User-Name and
 * Public-Identity, also errors: Kamailio reads them before the result (cx-interop.md).
 */
final class MultimediaAuth {

  private static final int RAND_AND_AUTS = AuthenticationCenter.RAND_AND_AUTS_LENGTH;

  private final HssStore store;
  private final CxConfig config;
  private final AuthenticationCenter auc;

  MultimediaAuth(HssStore store, CxConfig config, AuthenticationCenter auc) {
    this.store = store;
    this.config = config;
    this.auc = auc;
  }

  private enum Scheme {
    AKA_V1(Cx.SCHEME_AKAV1_MD5),
    AKA_V2(Cx.SCHEME_AKAV2_MD5),
    DIGEST(Cx.SCHEME_DIGEST);

    final String wireName;

    Scheme(String wireName) {
      this.wireName = wireName;
    }

    static Optional<Scheme> of(String requested) {
      return switch (requested.strip().toLowerCase(Locale.ROOT)) {
        case "digest-akav1-md5", "unknown" -> Optional.of(AKA_V1);
        case "digest-akav2-md5" -> Optional.of(AKA_V2);
        case "sip digest", "digest", "digest-md5", "http_digest_md5" -> Optional.of(DIGEST);
        default -> Optional.empty();
      };
    }
  }

  DiameterMessage answer(DiameterMessage request) {
    Optional<MultimediaAuthRequest> parsed = MultimediaAuthRequest.from(request);
    if (parsed.isEmpty()) {
      return Procedures.missing(config, request, CxAvps.SIP_AUTH_DATA_ITEM);
    }
    MultimediaAuthRequest mar = parsed.get();
    Optional<byte[]> authorization = mar.authDataItem().authorization();
    if (authorization.isPresent() && authorization.get().length != RAND_AND_AUTS) {
      return Procedures.invalidValue(
          config, request, CxAvps.SIP_AUTH_DATA_ITEM,
          "SIP-Authorization of a resynchronisation must be RAND||AUTS, " + RAND_AND_AUTS
              + " octets, got " + authorization.get().length);
    }
    return decide(mar).toMessage(request, config.originHost(), config.originRealm());
  }

  private MultimediaAuthAnswer decide(MultimediaAuthRequest mar) {
    String requested = mar.authDataItem().scheme().orElse(Cx.SCHEME_UNKNOWN);
    Optional<Scheme> scheme = Scheme.of(requested);
    if (scheme.isPresent() && scheme.get() != Scheme.DIGEST) {
      return aka(mar, scheme.get());
    }
    Procedures.Found found = Procedures.byPrivateAndPublic(store, mar.userName(), mar.publicIdentity());
    if (!found.ok()) {
      return failure(mar, found.failure());
    }
    if (scheme.isEmpty()) {
      return failure(mar, CxAnswers.AUTH_SCHEME_NOT_SUPPORTED);
    }
    Subscriber subscriber = found.subscriber();
    MultimediaAuthAnswer answer = digest(mar, subscriber, requested);
    if (answer.result().isSuccess()) {
      assignIfNotRegistered(mar, subscriber);
    }
    return answer;
  }

  /**
   * The SQNs of the vectors are taken from the store first (with the identity check and, for an identity not
   * registered, the S-CSCF assignment, in one transaction when anything is written); the vectors are made from them
   * afterwards, outside the subscriber's lock, and only once: the store may ask for its decision more than once.
   */
  private MultimediaAuthAnswer aka(MultimediaAuthRequest mar, Scheme scheme) {
    int count = (int) Math.max(1, Math.min(mar.numberAuthItems(), config.maxVectors()));
    Optional<byte[]> resync = mar.authDataItem().authorization();
    ServingScscf requester =
        new ServingScscf(mar.serverName(), mar.header().originHost(), mar.header().originRealm());
    Outcome outcome =
        store.authenticate(
            mar.userName(),
            (current, lastSqn) -> {
              if (current.publicIdentity(mar.publicIdentity()).isEmpty()) {
                return new AuthIssuer.Issued<Outcome>(Refused.NOT_ITS_IDENTITY, lastSqn);
              }
              return take(current, lastSqn, count, resync, assignment(current, mar.publicIdentity(), requester));
            })
        .orElse(Refused.NOT_ITS_IDENTITY); // the IMPI is unknown
    return switch (outcome) {
      case Taken taken -> success(mar, items(taken, scheme));
      case Refused.NOT_ITS_IDENTITY -> {
        // An unknown IMPI, or an IMPU that is not its: the identities tell which (5001 or 5002).
        Procedures.Found found = Procedures.byPrivateAndPublic(store, mar.userName(), mar.publicIdentity());
        yield failure(mar, found.ok() ? CxAnswers.USER_UNKNOWN : found.failure());
      }
      // MAC-S of the AUTS did not verify: TS 33.102 §6.3.5 leaves SQN_HE alone.
      case Refused.AUTS_REJECTED -> failure(mar, CxAnswers.AUTHORIZATION_REJECTED);
    };
  }

  private List<SipAuthDataItem> items(Taken taken, Scheme scheme) {
    List<SipAuthDataItem> items = new ArrayList<>();
    long number = 1;
    for (AuthenticationVector v : vectors(taken)) {
      items.add(
          SipAuthDataItem.akaVector(
              number++,
              scheme.wireName,
              v.sipAuthenticate().toByteArray(),
              v.xres().toByteArray(),
              v.ck().toByteArray(),
              v.ik().toByteArray()));
    }
    return items;
  }

  /**
   * The SQNs of {@code count} vectors after {@code lastSqn}, or after SQN_MS for a resynchronisation, and the mark
   * to reserve should they pass the stored one: {@link CxConfig#sqnBlock()} vector steps further, in the same IND.
   */
  private AuthIssuer.Issued<Outcome> take(
      Subscriber current, long lastSqn, int count, Optional<byte[]> resync, RegistrationChange assignment) {
    SubscriberKeys keys = keys(current.auth());
    Sqn from = new Sqn(lastSqn);
    if (resync.isPresent()) {
      ResyncResult result = auc.resynchronise(keys, Octets.of(resync.get()), from);
      if (!(result instanceof ResyncResult.Resynchronised r)) {
        return new AuthIssuer.Issued<>(Refused.AUTS_REJECTED, lastSqn);
      }
      from = r.continueFrom();
    }
    SqnScheme sqns = auc.scheme();
    Sqn last = from;
    for (int i = 0; i < count; i++) {
      last = sqns.next(last, config.sqnInd());
    }
    long reserveSeq = Math.min(sqns.seq(last) + config.sqnBlock(), sqns.maxSeq());
    long reserve = Math.max(last.value(), sqns.compose(reserveSeq, config.sqnInd()).value());
    return new AuthIssuer.Issued<>(
        new Taken(keys, from, count), last.value(), reserve, resync.isPresent(), assignment);
  }

  /** The vectors of the SQNs taken, each the next after the one before (TS 33.102 Annex C.3). */
  private List<AuthenticationVector> vectors(Taken taken) {
    Milenage milenage = taken.keys().milenage();
    List<AuthenticationVector> vectors = new ArrayList<>(taken.count());
    Sqn sqn = taken.after();
    for (int i = 0; i < taken.count(); i++) {
      sqn = auc.scheme().next(sqn, config.sqnInd());
      vectors.add(auc.generate(milenage, taken.keys().amf(), sqn));
    }
    return vectors;
  }

  /** What a MAR for AKA got from the store. */
  private sealed interface Outcome {}

  /** The SQNs it took: {@code count} of them after {@code after}, for vectors of {@code keys}. */
  private record Taken(SubscriberKeys keys, Sqn after, int count) implements Outcome {}

  /** Why it took none. */
  private enum Refused implements Outcome {
    NOT_ITS_IDENTITY,
    AUTS_REJECTED
  }

  private static SubscriberKeys keys(AuthCredentials auth) {
    Octets k = Octets.fromHex(auth.k());
    Octets amf = Octets.fromHex(auth.amf());
    return auth.opc() != null
        ? new SubscriberKeys(k, Octets.fromHex(auth.opc()), amf)
        : SubscriberKeys.fromOp(k, Octets.fromHex(auth.op()), amf);
  }

  private MultimediaAuthAnswer digest(MultimediaAuthRequest mar, Subscriber subscriber, String requested) {
    String password = subscriber.auth().password();
    if (password == null) {
      return failure(mar, CxAnswers.AUTH_SCHEME_NOT_SUPPORTED);
    }
    String impi = subscriber.impi();
    String realm = impi.substring(impi.indexOf('@') + 1);
    Avp digest =
        Avp.grouped(
            CxAvps.SIP_DIGEST_AUTHENTICATE,
            Avp.utf8(CxAvps.DIGEST_REALM, realm),
            Avp.utf8(CxAvps.DIGEST_ALGORITHM, "MD5"),
            Avp.utf8(CxAvps.DIGEST_QOP, "auth"),
            Avp.utf8(CxAvps.DIGEST_HA1, ha1(impi, realm, password)));
    SipAuthDataItem item =
        new SipAuthDataItem(
            OptionalLong.of(1), Optional.of(requested), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), List.of(digest));
    return success(mar, List.of(item));
  }

  /** RFC 2617 §3.2.2.2: HA1 = MD5(username ":" realm ":" password), lower-case hex. */
  static String ha1(String username, String realm, String password) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      byte[] hash = md5.digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }

  private void assignIfNotRegistered(MultimediaAuthRequest mar, Subscriber subscriber) {
    if (subscriber.stateOf(mar.publicIdentity()) != RegistrationState.NOT_REGISTERED
        && subscriber.scscfName() != null) {
      return;
    }
    ServingScscf scscf =
        new ServingScscf(mar.serverName(), mar.header().originHost(), mar.header().originRealm());
    store.changeRegistration(subscriber.impi(), current -> assignment(current, mar.publicIdentity(), scscf));
  }

  /** The requesting S-CSCF becomes the assigned one while the identity is not registered (§6.3.1); else null. */
  private static RegistrationChange assignment(Subscriber current, String impu, ServingScscf requester) {
    return current.stateOf(impu) == RegistrationState.NOT_REGISTERED || current.scscfName() == null
        ? new RegistrationChange(Map.of(), requester)
        : null;
  }

  private static MultimediaAuthAnswer success(MultimediaAuthRequest mar, List<SipAuthDataItem> items) {
    return new MultimediaAuthAnswer(
        CxAnswers.SUCCESS,
        Optional.of(mar.userName()),
        Optional.of(mar.publicIdentity()),
        OptionalLong.of(items.size()),
        items);
  }

  private static MultimediaAuthAnswer failure(MultimediaAuthRequest mar, CxResult result) {
    return new MultimediaAuthAnswer(
        result, Optional.of(mar.userName()), Optional.of(mar.publicIdentity()), OptionalLong.empty(), List.of());
  }
}
