package org.imscore.hss.profile;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.imscore.hss.profile.InitialFilterCriterion.ApplicationServer;
import org.imscore.hss.profile.TriggerPoint.Condition;
import org.imscore.hss.profile.TriggerPoint.Method;
import org.imscore.hss.profile.TriggerPoint.RegistrationType;
import org.imscore.hss.profile.TriggerPoint.RequestUri;
import org.imscore.hss.profile.TriggerPoint.ServicePointTrigger;
import org.imscore.hss.profile.TriggerPoint.SessionCaseIs;
import org.imscore.hss.profile.TriggerPoint.SessionDescription;
import org.imscore.hss.profile.TriggerPoint.SipHeader;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.Subscriber;

/**
 * Writes the Cx User-Data document, {@code <IMSSubscription>} of TS 29.228 Annex E
 * (CxDataType_Rel7.xsd): the private identity, then one ServiceProfile per profile in use by the
 * identities sent, each listing those identities and its initial filter criteria. Element order
 * follows the schema's sequences; like the documents real HSSs send, it has no namespace.
 */
public final class UserDataXml {

  // The JDK's own writer, whatever StAX implementation the class path offers: the documents stay byte for
  // byte the same.
  private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();

  private UserDataXml() {}

  /**
   * The user profile of {@code identities} (normally one implicit registration set, TS 29.228
   * §6.1.2: the S-CSCF receives the profile of every identity registered together).
   */
  public static String of(Subscriber subscriber, List<PublicIdentity> identities) {
    Map<String, List<PublicIdentity>> byProfile = new LinkedHashMap<>();
    for (PublicIdentity identity : identities) {
      byProfile
          .computeIfAbsent(identity.profile(), p -> new ArrayList<>())
          .add(identity);
    }
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement("IMSSubscription");
      element(xml, "PrivateID", subscriber.impi());
      for (Map.Entry<String, List<PublicIdentity>> entry : byProfile.entrySet()) {
        ServiceProfile profile =
            subscriber.serviceProfile(entry.getKey()).orElse(ServiceProfile.empty(entry.getKey()));
        writeServiceProfile(xml, profile, entry.getValue());
      }
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      // Writing into a StringWriter does not fail on I/O; this would be a programming error.
      throw new IllegalStateException("cannot write user data XML", e);
    }
    return out.toString();
  }

  private static void writeServiceProfile(
      XMLStreamWriter xml, ServiceProfile profile, List<PublicIdentity> identities)
      throws XMLStreamException {
    xml.writeStartElement("ServiceProfile");
    for (PublicIdentity identity : identities) {
      xml.writeStartElement("PublicIdentity");
      if (identity.barred()) {
        element(xml, "BarringIndication", "1");
      }
      element(xml, "Identity", identity.uri());
      xml.writeStartElement("Extension");
      element(xml, "IdentityType", "0"); // PUBLIC_USER_IDENTITY
      xml.writeEndElement();
      xml.writeEndElement();
    }
    for (InitialFilterCriterion ifc : profile.initialFilterCriteria()) {
      writeIfc(xml, ifc);
    }
    xml.writeEndElement();
  }

  private static void writeIfc(XMLStreamWriter xml, InitialFilterCriterion ifc)
      throws XMLStreamException {
    xml.writeStartElement("InitialFilterCriteria");
    element(xml, "Priority", Integer.toString(ifc.priority()));
    if (ifc.triggerPoint() != null) {
      xml.writeStartElement("TriggerPoint");
      element(xml, "ConditionTypeCNF", ifc.triggerPoint().cnf() ? "1" : "0");
      for (ServicePointTrigger spt : ifc.triggerPoint().spts()) {
        writeSpt(xml, spt);
      }
      xml.writeEndElement();
    }
    ApplicationServer as = ifc.applicationServer();
    xml.writeStartElement("ApplicationServer");
    element(xml, "ServerName", as.serverName());
    element(xml, "DefaultHandling", Integer.toString(as.defaultHandling().ordinal()));
    if (as.serviceInfo() != null) {
      element(xml, "ServiceInfo", as.serviceInfo());
    }
    xml.writeEndElement();
    if (ifc.profilePart() != null) {
      element(xml, "ProfilePartIndicator", Integer.toString(ifc.profilePart().ordinal()));
    }
    xml.writeEndElement();
  }

  private static void writeSpt(XMLStreamWriter xml, ServicePointTrigger spt)
      throws XMLStreamException {
    xml.writeStartElement("SPT");
    element(xml, "ConditionNegated", spt.negated() ? "1" : "0");
    element(xml, "Group", Integer.toString(spt.group()));
    writeCondition(xml, spt.condition());
    if (!spt.registrationTypes().isEmpty()) {
      xml.writeStartElement("Extension");
      for (RegistrationType type : spt.registrationTypes()) {
        element(xml, "RegistrationType", Integer.toString(type.ordinal()));
      }
      xml.writeEndElement();
    }
    xml.writeEndElement();
  }

  private static void writeCondition(XMLStreamWriter xml, Condition condition)
      throws XMLStreamException {
    switch (condition) {
      case RequestUri r -> element(xml, "RequestURI", r.pattern());
      case Method m -> element(xml, "Method", m.method());
      case SipHeader h -> {
        xml.writeStartElement("SIPHeader");
        element(xml, "Header", h.header());
        if (h.content() != null) {
          element(xml, "Content", h.content());
        }
        xml.writeEndElement();
      }
      case SessionCaseIs s -> element(xml, "SessionCase", Integer.toString(s.sessionCase().ordinal()));
      case SessionDescription d -> {
        xml.writeStartElement("SessionDescription");
        element(xml, "Line", d.line());
        if (d.content() != null) {
          element(xml, "Content", d.content());
        }
        xml.writeEndElement();
      }
    }
  }

  private static void element(XMLStreamWriter xml, String name, String text)
      throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(text);
    xml.writeEndElement();
  }
}
