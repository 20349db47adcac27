package org.imscore.sip.uri;

/**
 * Any other absolute URI (urn:, mailto:, http:, im:, ...), kept as opaque text (RFC 3261 §25.1 absoluteURI).
 *
 * @param scheme the scheme in lower case
 * @param text   the whole URI as written
 */
public record AbsoluteUri(String scheme, String text) implements Uri {

    @Override
    public boolean equivalent(Uri other) {
        if (!(other instanceof AbsoluteUri o) || !scheme.equals(o.scheme)) {
            return false;
        }
        // Without scheme-specific rules only the scheme is case-insensitive (RFC 3986 §6.2.2.1).
        return text.substring(scheme.length()).equals(o.text.substring(o.scheme.length()));
    }

    @Override
    public String toString() {
        return text;
    }
}
