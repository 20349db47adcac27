package org.imscore.sip.message;

import org.imscore.sip.uri.Parameters;

/** Content-Type (RFC 3261 §20.15): {@code type/subtype;params}. Type and subtype are case-insensitive. */
public record MediaType(String type, String subtype, Parameters parameters) {

    public static final MediaType SDP = new MediaType("application", "sdp", Parameters.EMPTY);

    public MediaType {
        parameters = parameters == null ? Parameters.EMPTY : parameters;
    }

    public static MediaType parse(String text) {
        HeaderScanner sc = new HeaderScanner(text);
        String type = sc.token("media type");
        sc.expect('/', "in media type");
        String subtype = sc.token("media subtype");
        Parameters p = sc.parameters();
        sc.expectEnd();
        return new MediaType(type, subtype, p);
    }

    public boolean is(String type, String subtype) {
        return this.type.equalsIgnoreCase(type) && this.subtype.equalsIgnoreCase(subtype);
    }

    @Override
    public String toString() {
        return type + "/" + subtype + parameters;
    }
}
