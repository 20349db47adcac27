package org.imscore.testkit.ue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads {@code application/reginfo+xml} (RFC 3680 §5.3) into {@link RegInfo}: the elements a UE acts on, others
 * (extensions the schema allows, display-name) skipped. DTDs and external entities are refused.
 */
public final class RegInfoReader {

    static final String NAMESPACE = "urn:ietf:params:xml:ns:reginfo";
    private static final XMLInputFactory INPUT = newInput();

    private RegInfoReader() {
    }

    private static XMLInputFactory newInput() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory(); // the JDK's, whatever else is on the class path
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return f;
    }

    /**
     * Parses a reginfo document.
     *
     * @throws IllegalArgumentException naming what is wrong (not XML, another root, a missing or bad attribute)
     */
    public static RegInfo read(String xml) {
        try {
            XMLStreamReader x = INPUT.createXMLStreamReader(new StringReader(xml));
            try {
                x.nextTag();
                requireElement(x, "reginfo");
                long version = number(x, "reginfo", "version");
                String state = required(x, "reginfo", "state");
                List<RegInfo.Aor> aors = new ArrayList<>();
                while (x.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    if (isReginfo(x, "registration")) {
                        aors.add(registration(x));
                    } else {
                        skip(x);
                    }
                }
                return new RegInfo(version, state, aors);
            } finally {
                x.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("reginfo is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static RegInfo.Aor registration(XMLStreamReader x) throws XMLStreamException {
        String aor = required(x, "registration", "aor");
        String id = required(x, "registration", "id");
        String state = required(x, "registration", "state");
        List<RegInfo.Contact> contacts = new ArrayList<>();
        while (x.nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (isReginfo(x, "contact")) {
                contacts.add(contact(x));
            } else {
                skip(x);
            }
        }
        return new RegInfo.Aor(aor, id, state, contacts);
    }

    private static RegInfo.Contact contact(XMLStreamReader x) throws XMLStreamException {
        String id = required(x, "contact", "id");
        String state = required(x, "contact", "state");
        String event = required(x, "contact", "event");
        String expiresText = x.getAttributeValue(null, "expires");
        OptionalLong expires = expiresText == null ? OptionalLong.empty() : OptionalLong.of(number(x, "contact",
                "expires"));
        String uri = null;
        Map<String, String> unknown = new LinkedHashMap<>();
        while (x.nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (isReginfo(x, "uri")) {
                uri = x.getElementText().strip();
            } else if (isReginfo(x, "unknown-param")) {
                String name = required(x, "unknown-param", "name");
                unknown.put(name, x.getElementText().strip());
            } else {
                skip(x);
            }
        }
        if (uri == null) {
            throw new IllegalArgumentException("reginfo contact " + id + " has no <uri>");
        }
        return new RegInfo.Contact(id, state, event, uri, expires, unknown);
    }

    private static void requireElement(XMLStreamReader x, String name) {
        if (!isReginfo(x, name)) {
            throw new IllegalArgumentException("reginfo root must be <reginfo xmlns=\"" + NAMESPACE + "\">, got <"
                    + x.getLocalName() + "> in namespace " + x.getNamespaceURI());
        }
    }

    private static boolean isReginfo(XMLStreamReader x, String name) {
        return name.equals(x.getLocalName()) && NAMESPACE.equals(x.getNamespaceURI());
    }

    private static String required(XMLStreamReader x, String element, String attribute) {
        String v = x.getAttributeValue(null, attribute);
        if (v == null) {
            throw new IllegalArgumentException("reginfo <" + element + "> lacks the " + attribute + " attribute");
        }
        return v;
    }

    private static long number(XMLStreamReader x, String element, String attribute) {
        String v = required(x, element, attribute);
        try {
            long n = Long.parseLong(v.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("reginfo <" + element + "> " + attribute
                    + " must be a non-negative integer, got \"" + v + "\"");
        }
    }

    /** Skips the current element and everything in it. */
    private static void skip(XMLStreamReader x) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = x.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }
}
