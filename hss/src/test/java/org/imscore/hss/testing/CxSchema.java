package org.imscore.hss.testing;

import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/** The Cx user-data schema of TS 29.228 Annex E (test resource xsd/CxDataType_Rel7.xsd). */
public final class CxSchema {

  private static final Schema SCHEMA = load();

  private CxSchema() {}

  private static Schema load() {
    try {
      return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
          .newSchema(CxSchema.class.getResource("/xsd/CxDataType_Rel7.xsd"));
    } catch (SAXException e) {
      throw new IllegalStateException("the Cx schema does not load", e);
    }
  }

  /** Throws, saying where, when {@code xml} is not a valid IMSSubscription document. */
  public static void assertValid(String xml) throws Exception {
    SCHEMA.newValidator().validate(new StreamSource(new StringReader(xml)));
  }
}
