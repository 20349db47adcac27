package org.imscore.cscf.ifc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.imscore.cscf.cx.Identities;
import org.imscore.cscf.xml.Stax;

/**
 * Reads the InitialFilterCriteria of a Cx User-Data document (TS 29.228 Annex E): for one public identity, the
 * criteria of the ServiceProfile that holds it. Elements the evaluation does not use (ProfilePartIndicator,
 * Extension/RegistrationType) are skipped. DTDs and external entities are refused: the document comes from the
 * network.
 */
public final class IfcXml {

    private IfcXml() {
    }

    /**
     * The criteria of the service profile holding {@code publicIdentity}; empty when no profile holds it.
     *
     * @throws IllegalArgumentException naming the element when a criterion is malformed
     */
    public static List<FilterCriterion> criteriaFor(String userDataXml, String publicIdentity) {
        String key = Identities.key(publicIdentity);
        try {
            XMLStreamReader r = Stax.reader(userDataXml);
            try {
                r.nextTag();
                while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    if (!r.getLocalName().equals("ServiceProfile")) {
                        Stax.skip(r);
                        continue;
                    }
                    Profile p = serviceProfile(r);
                    if (p.identities.stream().anyMatch(id -> Identities.key(id).equals(key))) {
                        return List.copyOf(p.criteria);
                    }
                }
                return List.of();
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("User-Data is not well-formed XML: " + e.getMessage(), e);
        }
    }

    /**
     * The criteria of every ServiceProfile of the document, in document order, read once so that requests need no
     * XML. Profiles are read in order as {@link #criteriaFor} reads them: a malformed criterion makes its profile
     * {@link ProfileCriteria.Unreadable}, with the reason {@link #criteriaFor} would have thrown, and ends the list
     * (the profiles after it are not read, so they are unreadable too).
     *
     * @throws IllegalArgumentException when the text is not well-formed XML
     */
    public static List<ProfileCriteria> criteriaByProfile(String userDataXml) {
        List<ProfileCriteria> out = new ArrayList<>();
        try {
            XMLStreamReader r = Stax.reader(userDataXml);
            try {
                r.nextTag();
                while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    if (!r.getLocalName().equals("ServiceProfile")) {
                        Stax.skip(r);
                        continue;
                    }
                    try {
                        List<FilterCriterion> criteria = serviceProfile(r).criteria;
                        out.add(criteria.isEmpty() ? ProfileCriteria.NONE : new ProfileCriteria.Readable(criteria));
                    } catch (IllegalArgumentException e) {
                        // The reader stands inside the bad element: the rest of the document is not read.
                        out.add(new ProfileCriteria.Unreadable(e.getMessage()));
                        return out;
                    }
                }
                return out;
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("User-Data is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private record Profile(List<String> identities, List<FilterCriterion> criteria) {
    }

    private static Profile serviceProfile(XMLStreamReader r) throws XMLStreamException {
        Profile p = new Profile(new ArrayList<>(), new ArrayList<>());
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
                case "PublicIdentity" -> p.identities.add(identity(r));
                case "InitialFilterCriteria" -> p.criteria.add(criterion(r));
                default -> Stax.skip(r);
            }
        }
        return p;
    }

    private static String identity(XMLStreamReader r) throws XMLStreamException {
        String identity = "";
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (r.getLocalName().equals("Identity")) {
                identity = r.getElementText().strip();
            } else {
                Stax.skip(r);
            }
        }
        return identity;
    }

    private static FilterCriterion criterion(XMLStreamReader r) throws XMLStreamException {
        Integer priority = null;
        TriggerPoint tp = null;
        ApplicationServer as = null;
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
                case "Priority" -> priority = integer(r.getElementText(), "InitialFilterCriteria/Priority");
                case "TriggerPoint" -> tp = triggerPoint(r);
                case "ApplicationServer" -> as = applicationServer(r);
                default -> Stax.skip(r);
            }
        }
        if (priority == null) {
            throw new IllegalArgumentException("InitialFilterCriteria without Priority");
        }
        if (as == null) {
            throw new IllegalArgumentException("InitialFilterCriteria " + priority + " without ApplicationServer");
        }
        return new FilterCriterion(priority, Optional.ofNullable(tp), as);
    }

    private static TriggerPoint triggerPoint(XMLStreamReader r) throws XMLStreamException {
        Boolean cnf = null;
        List<Spt> spts = new ArrayList<>();
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
                case "ConditionTypeCNF" -> cnf = Stax.bool(r.getElementText(), "ConditionTypeCNF");
                case "SPT" -> spts.addAll(spt(r));
                default -> Stax.skip(r);
            }
        }
        if (cnf == null) {
            throw new IllegalArgumentException("TriggerPoint without ConditionTypeCNF");
        }
        return new TriggerPoint(cnf, spts);
    }

    /** One SPT element; one record per Group it belongs to (the schema allows several). */
    private static List<Spt> spt(XMLStreamReader r) throws XMLStreamException {
        boolean negated = false;
        List<Integer> groups = new ArrayList<>();
        Spt.Condition condition = null;
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String name = r.getLocalName();
            switch (name) {
                case "ConditionNegated" -> negated = Stax.bool(r.getElementText(), "SPT/ConditionNegated");
                case "Group" -> groups.add(integer(r.getElementText(), "SPT/Group"));
                case "Method" -> condition = new Spt.MethodIs(required(r.getElementText(), "SPT/Method"));
                case "RequestURI" -> condition = new Spt.RequestUriMatches(
                        Spt.regex("SPT/RequestURI", required(r.getElementText(), "SPT/RequestURI")));
                case "SessionCase" -> condition = new Spt.SessionCaseIs(
                        SessionCase.ofCode(integer(r.getElementText(), "SPT/SessionCase")));
                case "SIPHeader" -> {
                    String[] hc = headerAndContent(r, "Header", "SPT/SIPHeader");
                    condition = new Spt.HeaderMatches(hc[0], content(hc[1], "SPT/SIPHeader/Content"));
                }
                case "SessionDescription" -> {
                    String[] lc = headerAndContent(r, "Line", "SPT/SessionDescription");
                    condition = new Spt.SdpLineMatches(lc[0], content(lc[1], "SPT/SessionDescription/Content"));
                }
                default -> Stax.skip(r);
            }
        }
        if (condition == null) {
            throw new IllegalArgumentException("SPT without a condition (Method, RequestURI, SIPHeader,"
                    + " SessionCase or SessionDescription)");
        }
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("SPT without Group");
        }
        List<Spt> out = new ArrayList<>();
        for (int g : groups) {
            out.add(new Spt(negated, g, condition));
        }
        return out;
    }

    /** SIPHeader (Header, Content) or SessionDescription (Line, Content). */
    private static String[] headerAndContent(XMLStreamReader r, String nameElement, String where)
            throws XMLStreamException {
        String[] out = {null, null};
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (r.getLocalName().equals(nameElement)) {
                out[0] = required(r.getElementText(), where + "/" + nameElement);
            } else if (r.getLocalName().equals("Content")) {
                out[1] = r.getElementText().strip();
            } else {
                Stax.skip(r);
            }
        }
        if (out[0] == null) {
            throw new IllegalArgumentException(where + " without " + nameElement);
        }
        return out;
    }

    private static Optional<java.util.regex.Pattern> content(String text, String where) {
        return text == null || text.isEmpty() ? Optional.empty() : Optional.of(Spt.regex(where, text));
    }

    private static ApplicationServer applicationServer(XMLStreamReader r) throws XMLStreamException {
        String name = null;
        DefaultHandling handling = DefaultHandling.SESSION_CONTINUED;
        String info = null;
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
                case "ServerName" -> name = required(r.getElementText(), "ApplicationServer/ServerName");
                case "DefaultHandling" -> handling = DefaultHandling.ofCode(
                        integer(r.getElementText(), "ApplicationServer/DefaultHandling"));
                case "ServiceInfo" -> info = r.getElementText();
                default -> Stax.skip(r);
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("ApplicationServer without ServerName");
        }
        return new ApplicationServer(name, handling, Optional.ofNullable(info));
    }

    private static String required(String text, String element) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException(element + " is empty");
        }
        return s;
    }

    private static int integer(String text, String element) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(element + " is not a number: " + text.strip());
        }
    }

}
