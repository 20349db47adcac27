package org.imscore.server.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.imscore.hss.profile.InitialFilterCriterion;
import org.imscore.hss.profile.InitialFilterCriterion.ApplicationServer;
import org.imscore.hss.profile.InitialFilterCriterion.DefaultHandling;
import org.imscore.hss.profile.InitialFilterCriterion.ProfilePart;
import org.imscore.hss.profile.ServiceProfile;
import org.imscore.hss.profile.TriggerPoint;
import org.imscore.hss.profile.TriggerPoint.Condition;
import org.imscore.hss.profile.TriggerPoint.RegistrationType;
import org.imscore.hss.profile.TriggerPoint.ServicePointTrigger;
import org.imscore.hss.profile.TriggerPoint.SessionCase;
import org.imscore.hss.provisioning.ProvisioningException;
import org.imscore.hss.provisioning.SubscriberPatch;
import org.imscore.hss.subscriber.AuthCredentials;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.Subscriber;
import org.imscore.hss.subscriber.SubscriberSpec;
import org.imscore.server.api.SubscriberJson.ApplicationServerJson;
import org.imscore.server.api.SubscriberJson.HeaderJson;
import org.imscore.server.api.SubscriberJson.IfcJson;
import org.imscore.server.api.SubscriberJson.LineJson;
import org.imscore.server.api.SubscriberJson.PublicIdentityJson;
import org.imscore.server.api.SubscriberJson.ServiceProfileJson;
import org.imscore.server.api.SubscriberJson.SptJson;
import org.imscore.server.api.SubscriberJson.TriggerPointJson;

/** Turns API JSON into provisioning input and subscribers into JSON. */
final class SubscriberMapper {

  static final String DEFAULT_AMF = "8000";

  private SubscriberMapper() {}

  static SubscriberJson toJson(Subscriber s) {
    AuthCredentials auth = s.auth();
    return new SubscriberJson(
        s.impi(),
        auth.k(),
        auth.opc(),
        auth.op(),
        auth.amf(),
        s.sqn(),
        auth.password(),
        s.publicIdentities().stream()
            .map(p -> new PublicIdentityJson(p.uri(), p.barred(), p.implicitSet(), p.profile(), s.stateOf(p.uri()).name()))
            .toList(),
        s.serviceProfiles().stream()
            .map(p -> new ServiceProfileJson(p.name(), p.initialFilterCriteria().stream().map(SubscriberMapper::toJson).toList()))
            .toList(),
        s.scscfName());
  }

  private static IfcJson toJson(InitialFilterCriterion ifc) {
    ApplicationServer as = ifc.applicationServer();
    TriggerPointJson trigger =
        ifc.triggerPoint() == null
            ? null
            : new TriggerPointJson(
                ifc.triggerPoint().cnf(), ifc.triggerPoint().spts().stream().map(SubscriberMapper::toJson).toList());
    return new IfcJson(
        ifc.priority(),
        trigger,
        new ApplicationServerJson(as.serverName(), as.defaultHandling().name(), as.serviceInfo()),
        ifc.profilePart() == null ? null : ifc.profilePart().name());
  }

  private static SptJson toJson(ServicePointTrigger spt) {
    List<String> types = spt.registrationTypes().isEmpty() ? null : spt.registrationTypes().stream().map(Enum::name).toList();
    Condition c = spt.condition();
    return new SptJson(
        spt.group(),
        spt.negated(),
        c instanceof TriggerPoint.RequestUri u ? u.pattern() : null,
        c instanceof TriggerPoint.Method m ? m.method() : null,
        c instanceof TriggerPoint.SipHeader h ? new HeaderJson(h.header(), h.content()) : null,
        c instanceof TriggerPoint.SessionCaseIs s ? s.sessionCase().name() : null,
        c instanceof TriggerPoint.SessionDescription d ? new LineJson(d.line(), d.content()) : null,
        types);
  }

  /** A full subscriber (POST, PUT): impi, k, one of opc/op and publicIdentities are required. */
  static SubscriberSpec toSpec(SubscriberJson json) {
    require(json.impi(), "impi");
    require(json.k(), "k");
    if ((json.opc() == null) == (json.op() == null)) {
      throw invalid("give exactly one of opc and op (32 hex digits each)");
    }
    if (json.publicIdentities() == null) {
      throw invalid("publicIdentities is required: a list of {\"identity\": \"sip:...\"}");
    }
    if (json.scscfName() != null) {
      throw invalid("scscfName is set by the S-CSCF through Cx, not by provisioning: leave it out");
    }
    AuthCredentials auth =
        new AuthCredentials(
            json.k(), json.opc(), json.op(), json.amf() == null ? DEFAULT_AMF : json.amf(), json.password());
    return new SubscriberSpec(
        json.impi(),
        auth,
        json.sqn() == null ? 0 : json.sqn(),
        identities(json.publicIdentities()),
        profiles(json.serviceProfiles()));
  }

  /** A partial change (PATCH): only what is present changes. */
  static SubscriberPatch toPatch(SubscriberJson json) {
    if (json.impi() != null) {
      throw invalid("impi cannot be changed: leave it out of the body");
    }
    if (json.scscfName() != null) {
      throw invalid("scscfName is set by the S-CSCF through Cx, not by provisioning: leave it out");
    }
    return new SubscriberPatch(
        json.k(),
        json.opc(),
        json.op(),
        json.amf(),
        json.sqn(),
        json.password(),
        json.publicIdentities() == null ? null : identities(json.publicIdentities()),
        json.serviceProfiles() == null ? null : profiles(json.serviceProfiles()));
  }

  private static List<PublicIdentity> identities(List<PublicIdentityJson> list) {
    List<PublicIdentity> identities = new ArrayList<>();
    for (PublicIdentityJson p : list) {
      if (p == null || p.identity() == null) {
        throw invalid("every public identity needs \"identity\": a sip:, sips: or tel: URI");
      }
      identities.add(
          new PublicIdentity(
              p.identity(),
              p.barred() != null && p.barred(),
              p.implicitSet() == null ? 1 : p.implicitSet(),
              p.serviceProfile() == null ? ServiceProfile.DEFAULT_NAME : p.serviceProfile()));
    }
    return identities;
  }

  private static List<ServiceProfile> profiles(List<ServiceProfileJson> list) {
    if (list == null) {
      return List.of();
    }
    List<ServiceProfile> profiles = new ArrayList<>();
    for (ServiceProfileJson p : list) {
      if (p == null || p.name() == null) {
        throw invalid("every service profile needs a \"name\"");
      }
      List<InitialFilterCriterion> ifcs = new ArrayList<>();
      for (IfcJson ifc : p.initialFilterCriteria() == null ? List.<IfcJson>of() : p.initialFilterCriteria()) {
        ifcs.add(ifc(p.name(), ifc));
      }
      profiles.add(new ServiceProfile(p.name(), ifcs));
    }
    return profiles;
  }

  private static InitialFilterCriterion ifc(String profile, IfcJson json) {
    String where = "initial filter criterion of profile " + profile;
    if (json == null || json.priority() == null || json.priority() < 0) {
      throw invalid(where + " needs \"priority\" (0 or more)");
    }
    where = "initial filter criterion " + json.priority() + " of profile " + profile;
    ApplicationServerJson as = json.applicationServer();
    if (as == null || as.serverName() == null) {
      throw invalid(where + " needs \"applicationServer\": {\"serverName\": \"sip:...\"}");
    }
    DefaultHandling handling =
        as.defaultHandling() == null
            ? DefaultHandling.SESSION_CONTINUED
            : enumOf(DefaultHandling.values(), as.defaultHandling(), where + ": defaultHandling");
    ProfilePart part =
        json.profilePartIndicator() == null
            ? null
            : enumOf(ProfilePart.values(), json.profilePartIndicator(), where + ": profilePartIndicator");
    TriggerPoint trigger = null;
    if (json.triggerPoint() != null) {
      TriggerPointJson tp = json.triggerPoint();
      if (tp.spt() == null || tp.spt().isEmpty()) {
        throw invalid(where + ": a triggerPoint needs at least one entry in \"spt\"");
      }
      List<ServicePointTrigger> spts = new ArrayList<>();
      for (SptJson spt : tp.spt()) {
        spts.add(spt(where, spt));
      }
      trigger = new TriggerPoint(tp.conditionTypeCnf() != null && tp.conditionTypeCnf(), spts);
    }
    return new InitialFilterCriterion(
        json.priority(), trigger, new ApplicationServer(as.serverName(), handling, as.serviceInfo()), part);
  }

  private static ServicePointTrigger spt(String where, SptJson json) {
    if (json == null) {
      throw invalid(where + ": an spt entry is null");
    }
    List<Condition> conditions = new ArrayList<>();
    if (json.requestUri() != null) {
      conditions.add(new TriggerPoint.RequestUri(json.requestUri()));
    }
    if (json.method() != null) {
      conditions.add(new TriggerPoint.Method(json.method()));
    }
    if (json.sipHeader() != null) {
      require(json.sipHeader().header(), where + ": sipHeader.header");
      conditions.add(new TriggerPoint.SipHeader(json.sipHeader().header(), json.sipHeader().content()));
    }
    if (json.sessionCase() != null) {
      conditions.add(new TriggerPoint.SessionCaseIs(enumOf(SessionCase.values(), json.sessionCase(), where + ": sessionCase")));
    }
    if (json.sessionDescription() != null) {
      require(json.sessionDescription().line(), where + ": sessionDescription.line");
      conditions.add(new TriggerPoint.SessionDescription(json.sessionDescription().line(), json.sessionDescription().content()));
    }
    if (conditions.size() != 1) {
      throw invalid(
          where + ": each spt needs exactly one of requestUri, method, sipHeader, sessionCase,"
              + " sessionDescription (found " + conditions.size() + ")");
    }
    int group = json.group() == null ? 0 : json.group();
    if (group < 0) {
      throw invalid(where + ": spt group must be 0 or more");
    }
    List<RegistrationType> types =
        json.registrationTypes() == null
            ? List.of()
            : json.registrationTypes().stream()
                .map(t -> enumOf(RegistrationType.values(), t, where + ": registrationTypes"))
                .toList();
    return new ServicePointTrigger(json.negated() != null && json.negated(), group, conditions.get(0), types);
  }

  private static <E extends Enum<E>> E enumOf(E[] constants, String value, String field) {
    String wanted = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E constant : constants) {
      if (constant.name().equals(wanted)) {
        return constant;
      }
    }
    List<String> names = Arrays.stream(constants).map(Enum::name).toList();
    throw invalid(field + " \"" + value + "\" is not one of " + String.join(", ", names));
  }

  private static void require(String value, String field) {
    if (value == null) {
      throw invalid(field + " is required");
    }
  }

  static ProvisioningException invalid(String message) {
    return new ProvisioningException(ProvisioningException.Kind.INVALID, message);
  }
}
