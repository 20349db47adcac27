package org.imscore.hss.provisioning;

import static org.imscore.hss.provisioning.ProvisioningException.invalid;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.imscore.hss.profile.InitialFilterCriterion;
import org.imscore.hss.profile.ServiceProfile;
import org.imscore.hss.subscriber.AuthCredentials;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.SubscriberSpec;

/** Checks provisioned data before it reaches the store; every message says what to fix. */
final class SubscriberValidator {

  /** SQN is 48 bits (TS 33.102 §6.3.2). */
  static final long MAX_SQN = (1L << 48) - 1;

  private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");

  private SubscriberValidator() {}

  /** A lower-case copy of {@code spec}, or an exception naming the first bad field. */
  static SubscriberSpec validate(SubscriberSpec spec) {
    if (!IdentitySyntax.isPrivateIdentity(spec.impi())) {
      throw invalid(
          "impi \"" + spec.impi() + "\" is not a private identity: use the form user@realm,"
              + " e.g. 001010000000001@ims.mnc001.mcc001.3gppnetwork.org");
    }
    AuthCredentials auth = validate(spec.auth());
    if (spec.sqn() < 0 || spec.sqn() > MAX_SQN) {
      throw invalid("sqn " + spec.sqn() + " is out of range: use 0 to " + MAX_SQN + " (48 bits)");
    }
    if (spec.publicIdentities().isEmpty()) {
      throw invalid("at least one public identity (impu) is required");
    }
    Set<String> profileNames = new HashSet<>();
    for (ServiceProfile profile : spec.serviceProfiles()) {
      if (profile.name().isBlank()) {
        throw invalid("a service profile needs a name");
      }
      if (!profileNames.add(profile.name())) {
        throw invalid("service profile " + profile.name() + " is given twice");
      }
      validate(profile);
    }
    Set<String> uris = new HashSet<>();
    for (PublicIdentity identity : spec.publicIdentities()) {
      if (!IdentitySyntax.isPublicIdentity(identity.uri())) {
        throw invalid(
            "impu \"" + identity.uri() + "\" is not a valid sip:, sips: or tel: URI,"
                + " e.g. sip:alice@ims.mnc001.mcc001.3gppnetwork.org or tel:+15550001");
      }
      if (!uris.add(identity.uri())) {
        throw invalid("impu " + identity.uri() + " is given twice");
      }
      if (identity.implicitSet() < 0) {
        throw invalid("implicitSet of " + identity.uri() + " must be 0 or more");
      }
      if (!profileNames.contains(identity.profile())) {
        throw invalid(
            "impu " + identity.uri() + " names service profile \"" + identity.profile()
                + "\" which is not among the serviceProfiles given");
      }
    }
    return new SubscriberSpec(
        spec.impi(), auth, spec.sqn(), spec.publicIdentities(), spec.serviceProfiles());
  }

  static AuthCredentials validate(AuthCredentials auth) {
    String k = hex("k", auth.k(), 32);
    String opc = auth.opc() == null ? null : hex("opc", auth.opc(), 32);
    String op = auth.op() == null ? null : hex("op", auth.op(), 32);
    String amf = hex("amf", auth.amf(), 4);
    if (auth.password() != null && (auth.password().isEmpty() || auth.password().length() > 255)) {
      throw invalid("password must be 1 to 255 characters");
    }
    return new AuthCredentials(k, opc, op, amf, auth.password());
  }

  private static void validate(ServiceProfile profile) {
    List<InitialFilterCriterion> ifcs = profile.initialFilterCriteria();
    Set<Integer> priorities = new HashSet<>();
    for (InitialFilterCriterion ifc : ifcs) {
      if (!priorities.add(ifc.priority())) {
        // TS 29.228 Annex B.2.2: the priority orders the criteria, so two cannot share one.
        throw invalid(
            "service profile " + profile.name() + " has two initial filter criteria with priority "
                + ifc.priority());
      }
      String server = ifc.applicationServer().serverName();
      if (!IdentitySyntax.isSipUri(server)) {
        throw invalid(
            "application server \"" + server + "\" is not a SIP URI, e.g. sip:as.example.org");
      }
    }
  }

  /** {@code value} as lower-case hex of exactly {@code digits} digits, or an exception. */
  static String hex(String field, String value, int digits) {
    if (value == null) {
      throw invalid(field + " is required (" + digits + " hex digits)");
    }
    String trimmed = value.strip();
    if (trimmed.length() != digits || !HEX.matcher(trimmed).matches()) {
      throw invalid(
          field + " must be exactly " + digits + " hex digits (0-9, a-f), got \"" + value + "\"");
    }
    return trimmed.toLowerCase(Locale.ROOT);
  }
}
