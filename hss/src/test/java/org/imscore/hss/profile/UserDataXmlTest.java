package org.imscore.hss.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.Subscriber;
import org.imscore.hss.subscriber.SubscriberSpec;
import org.imscore.hss.testing.CxSchema;
import org.imscore.hss.testing.Subscribers;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class UserDataXmlTest {

  private static Subscriber stored(SubscriberSpec spec) {
    return new Subscriber(
        spec.impi(), spec.auth(), spec.sqn(), spec.publicIdentities(), spec.serviceProfiles(), null, Map.of());
  }

  @Test
  void aRichProfileIsValidAgainstTheSchemaAndCarriesEveryCriterion() throws Exception {
    Subscriber alice = stored(Subscribers.rich("alice"));

    String xml = UserDataXml.of(alice, alice.publicIdentities());

    CxSchema.assertValid(xml);
    assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><IMSSubscription>");
    Document doc =
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    XPath x = XPathFactory.newInstance().newXPath();
    assertThat(x.evaluate("/IMSSubscription/PrivateID", doc)).isEqualTo(alice.impi());
    assertThat(x.evaluate("count(/IMSSubscription/ServiceProfile)", doc)).isEqualTo("2");
    assertThat(x.evaluate("count(/IMSSubscription/ServiceProfile[1]/PublicIdentity)", doc)).isEqualTo("3");
    assertThat(x.evaluate("/IMSSubscription/ServiceProfile[1]/PublicIdentity[1]/BarringIndication", doc))
        .isEqualTo("1");
    assertThat(x.evaluate("count(/IMSSubscription/ServiceProfile[1]/PublicIdentity[2]/BarringIndication)", doc))
        .isEqualTo("0");
    assertThat(x.evaluate("/IMSSubscription/ServiceProfile[1]/PublicIdentity[1]/Extension/IdentityType", doc))
        .isEqualTo("0");
    // Criteria come out in priority order, with every SPT kind and its extension.
    assertThat(x.evaluate("/IMSSubscription/ServiceProfile[1]/InitialFilterCriteria[1]/Priority", doc)).isEqualTo("0");
    String first = "/IMSSubscription/ServiceProfile[1]/InitialFilterCriteria[1]";
    assertThat(x.evaluate(first + "/TriggerPoint/ConditionTypeCNF", doc)).isEqualTo("0");
    assertThat(x.evaluate(first + "/TriggerPoint/SPT[1]/Method", doc)).isEqualTo("PUBLISH");
    assertThat(x.evaluate(first + "/TriggerPoint/SPT[2]/SessionCase", doc)).isEqualTo("0");
    assertThat(x.evaluate(first + "/TriggerPoint/SPT[3]/ConditionNegated", doc)).isEqualTo("1");
    assertThat(x.evaluate(first + "/TriggerPoint/SPT[3]/SIPHeader/Content", doc)).isEqualTo(".*presence.*");
    assertThat(x.evaluate(first + "/ApplicationServer/DefaultHandling", doc)).isEqualTo("0");
    String second = "/IMSSubscription/ServiceProfile[1]/InitialFilterCriteria[2]";
    assertThat(x.evaluate(second + "/Priority", doc)).isEqualTo("10");
    assertThat(x.evaluate(second + "/TriggerPoint/ConditionTypeCNF", doc)).isEqualTo("1");
    assertThat(x.evaluate("count(" + second + "/TriggerPoint/SPT[1]/Extension/RegistrationType)", doc)).isEqualTo("2");
    assertThat(x.evaluate(second + "/TriggerPoint/SPT[1]/Extension/RegistrationType[2]", doc)).isEqualTo("2");
    assertThat(x.evaluate(second + "/TriggerPoint/SPT[3]/SessionDescription/Line", doc)).isEqualTo("m");
    assertThat(x.evaluate(second + "/ApplicationServer/ServiceInfo", doc)).isEqualTo("<info & more>");
    assertThat(x.evaluate(second + "/ApplicationServer/DefaultHandling", doc)).isEqualTo("1");
    assertThat(x.evaluate(second + "/ProfilePartIndicator", doc)).isEqualTo("0");
    String third = "/IMSSubscription/ServiceProfile[1]/InitialFilterCriteria[3]";
    assertThat((Boolean) x.evaluate("boolean(" + third + "/TriggerPoint)", doc, XPathConstants.BOOLEAN)).isFalse();
    assertThat(x.evaluate(third + "/ProfilePartIndicator", doc)).isEqualTo("1");
    assertThat(x.evaluate("/IMSSubscription/ServiceProfile[2]/PublicIdentity/Identity", doc))
        .isEqualTo(Subscribers.sip("alice.work"));
    assertThat(x.evaluate("count(/IMSSubscription/ServiceProfile[2]/InitialFilterCriteria)", doc)).isEqualTo("0");
  }

  @Test
  void onlyTheIdentitiesAskedForAreListed() throws Exception {
    Subscriber bob = stored(Subscribers.rich("bob"));
    List<PublicIdentity> set = bob.implicitSetOf(Subscribers.sip("bob.work"));

    String xml = UserDataXml.of(bob, set);

    CxSchema.assertValid(xml);
    assertThat(xml).contains(Subscribers.sip("bob.work")).doesNotContain(Subscribers.sip("bob.alias"));
  }
}
