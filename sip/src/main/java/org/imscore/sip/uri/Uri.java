package org.imscore.sip.uri;

/**
 * A URI as carried in SIP: {@code sip:}/{@code sips:} (RFC 3261 §19.1), {@code tel:} (RFC 3966), or any other
 * absolute URI kept as opaque text (RFC 3261 §25.1 absoluteURI).
 */
public sealed interface Uri permits SipUri, TelUri, AbsoluteUri {

    /** The scheme in lower case: "sip", "sips", "tel", ... */
    String scheme();

    /**
     * URI equivalence: RFC 3261 §19.1.4 for SIP URIs, RFC 3966 §4 for tel URIs, case-insensitive scheme and
     * exact text otherwise.
     */
    boolean equivalent(Uri other);

    /** The URI in wire form. */
    @Override
    String toString();

    /** Appends {@link #toString()} to {@code out}, without making the string first where the type can. */
    default void appendTo(StringBuilder out) {
        out.append(this);
    }

    /**
     * Parses a URI.
     *
     * @throws InvalidUriException naming the bad part when the text is not a URI
     */
    static Uri parse(String text) {
        return UriParser.parse(text);
    }

    /**
     * Parses the URI written at {@code text[from, to)}, as {@link #parse(String)} parses that text, without
     * copying it out first (a header parser reads the URI where it stands).
     *
     * @throws InvalidUriException naming the bad part when the text is not a URI
     */
    static Uri parse(String text, int from, int to) {
        return UriParser.parse(text, from, to);
    }
}
