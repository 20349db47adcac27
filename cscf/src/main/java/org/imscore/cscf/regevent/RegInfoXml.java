package org.imscore.cscf.regevent;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.imscore.cscf.xml.Stax;

/**
 * Writes and reads {@code application/reginfo+xml} (RFC 3680 §5.3, schema §5.4). The writer produces the element
 * and attribute layout real S-CSCFs send (one {@code <registration>} per public identity, {@code <uri>} then
 * {@code <unknown-param>}s in each {@code <contact>}); the reader accepts any conforming document, skips elements it
 * does not know (the schema allows extensions), and refuses DTDs.
 */
public final class RegInfoXml {

    // The JDK's own writer, whatever StAX implementation the class path offers: the documents stay byte for byte the
    // same (Woodstox, which Stax reads with, would quote the XML declaration differently).
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();

    private RegInfoXml() {
    }

    public static String write(RegInfo info) {
        StringWriter out = new StringWriter(512);
        try {
            XMLStreamWriter x = OUTPUT.createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("reginfo");
            x.writeDefaultNamespace(RegInfo.NAMESPACE);
            x.writeAttribute("version", Long.toString(info.version()));
            x.writeAttribute("state", info.state().xml());
            for (RegInfo.Registration r : info.registrations()) {
                x.writeCharacters("\n\t");
                x.writeStartElement("registration");
                x.writeAttribute("aor", r.aor());
                x.writeAttribute("id", r.id());
                x.writeAttribute("state", r.state().xml());
                for (RegInfo.Contact c : r.contacts()) {
                    writeContact(x, c);
                }
                x.writeCharacters(r.contacts().isEmpty() ? "" : "\n\t");
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            // Writing into a StringWriter has no I/O to fail; only a programming error gets here.
            throw new IllegalStateException("cannot write reginfo", e);
        }
        return out.toString();
    }

    private static void writeContact(XMLStreamWriter x, RegInfo.Contact c) throws XMLStreamException {
        x.writeCharacters("\n\t\t");
        x.writeStartElement("contact");
        x.writeAttribute("id", c.id());
        x.writeAttribute("state", c.state().xml());
        x.writeAttribute("event", c.event().xml());
        writeOptional(x, "expires", c.expires());
        writeOptional(x, "retry-after", c.retryAfter());
        writeOptional(x, "duration-registered", c.durationRegistered());
        if (c.q().isPresent()) {
            x.writeAttribute("q", c.q().get());
        }
        if (c.callId().isPresent()) {
            x.writeAttribute("callid", c.callId().get());
        }
        writeOptional(x, "cseq", c.cseq());
        x.writeCharacters("\n\t\t\t");
        x.writeStartElement("uri");
        x.writeCharacters(c.uri());
        x.writeEndElement();
        if (c.displayName().isPresent()) {
            x.writeCharacters("\n\t\t\t");
            x.writeStartElement("display-name");
            x.writeCharacters(c.displayName().get());
            x.writeEndElement();
        }
        for (RegInfo.UnknownParam p : c.unknownParams()) {
            x.writeCharacters("\n\t\t\t");
            x.writeStartElement("unknown-param");
            x.writeAttribute("name", p.name());
            x.writeCharacters(p.value());
            x.writeEndElement();
        }
        x.writeCharacters("\n\t\t");
        x.writeEndElement();
    }

    private static void writeOptional(XMLStreamWriter x, String name, OptionalLong v) throws XMLStreamException {
        if (v.isPresent()) {
            x.writeAttribute(name, Long.toString(v.getAsLong()));
        }
    }

    /**
     * Reads a reginfo document.
     *
     * @throws IllegalArgumentException naming the element or attribute that is wrong
     */
    public static RegInfo read(String xml) {
        try {
            XMLStreamReader r = Stax.reader(xml);
            try {
                r.nextTag();
                expect(r, "reginfo");
                long version = number(r, "version", true).getAsLong();
                RegInfo.DocumentState state = RegInfo.parseEnum(RegInfo.DocumentState.class,
                        required(r, "state"), "reginfo state");
                List<RegInfo.Registration> regs = new ArrayList<>();
                while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    if (isOurs(r, "registration")) {
                        regs.add(registration(r));
                    } else {
                        Stax.skip(r);
                    }
                }
                return new RegInfo(version, state, regs);
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("reginfo is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static RegInfo.Registration registration(XMLStreamReader r) throws XMLStreamException {
        String aor = required(r, "aor");
        String id = required(r, "id");
        RegInfo.RegistrationState state = RegInfo.parseEnum(RegInfo.RegistrationState.class, required(r, "state"),
                "registration state");
        List<RegInfo.Contact> contacts = new ArrayList<>();
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (isOurs(r, "contact")) {
                contacts.add(contact(r));
            } else {
                Stax.skip(r);
            }
        }
        return new RegInfo.Registration(aor, id, state, contacts);
    }

    private static RegInfo.Contact contact(XMLStreamReader r) throws XMLStreamException {
        String id = required(r, "id");
        RegInfo.ContactState state = RegInfo.parseEnum(RegInfo.ContactState.class, required(r, "state"),
                "contact state");
        RegInfo.ContactEvent event = RegInfo.parseEnum(RegInfo.ContactEvent.class, required(r, "event"),
                "contact event");
        OptionalLong expires = number(r, "expires", false);
        OptionalLong retryAfter = number(r, "retry-after", false);
        OptionalLong duration = number(r, "duration-registered", false);
        Optional<String> q = Optional.ofNullable(r.getAttributeValue(null, "q"));
        Optional<String> callId = Optional.ofNullable(r.getAttributeValue(null, "callid"));
        OptionalLong cseq = number(r, "cseq", false);
        String uri = null;
        String display = null;
        List<RegInfo.UnknownParam> params = new ArrayList<>();
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (isOurs(r, "uri")) {
                uri = r.getElementText().strip();
            } else if (isOurs(r, "display-name")) {
                display = r.getElementText();
            } else if (isOurs(r, "unknown-param")) {
                String name = required(r, "name");
                params.add(new RegInfo.UnknownParam(name, r.getElementText()));
            } else {
                Stax.skip(r);
            }
        }
        if (uri == null) {
            throw new IllegalArgumentException("contact " + id + " has no <uri>");
        }
        try {
            return new RegInfo.Contact(id, state, event, uri, Optional.ofNullable(display), expires, retryAfter,
                    duration, q, callId, cseq, params);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("contact " + id + ": " + e.getMessage(), e);
        }
    }

    private static boolean isOurs(XMLStreamReader r, String local) {
        return local.equals(r.getLocalName()) && RegInfo.NAMESPACE.equals(r.getNamespaceURI());
    }

    private static void expect(XMLStreamReader r, String local) {
        if (!isOurs(r, local)) {
            throw new IllegalArgumentException("expected <" + local + "> in " + RegInfo.NAMESPACE + ", got <"
                    + r.getLocalName() + "> in " + r.getNamespaceURI());
        }
    }

    private static String required(XMLStreamReader r, String attribute) {
        String v = r.getAttributeValue(null, attribute);
        if (v == null) {
            throw new IllegalArgumentException("<" + r.getLocalName() + "> without " + attribute);
        }
        return v;
    }

    private static OptionalLong number(XMLStreamReader r, String attribute, boolean mandatory) {
        String v = mandatory ? required(r, attribute) : r.getAttributeValue(null, attribute);
        if (v == null) {
            return OptionalLong.empty();
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return OptionalLong.of(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("<" + r.getLocalName() + "> " + attribute + " is not a non-negative "
                    + "integer: '" + v + "'");
        }
    }

}
