package org.imscore.sip.message;

import java.util.Optional;
import org.imscore.sip.uri.Parameters;

/** Event (RFC 6665 §8.2.1): event package (e.g. "reg", RFC 3680) with parameters such as id. */
public record EventHeader(String eventType, Parameters parameters) {

    public static EventHeader parse(String text) {
        HeaderScanner sc = new HeaderScanner(text);
        String type = sc.token("event type");
        Parameters p = sc.parameters();
        sc.expectEnd();
        return new EventHeader(type, p);
    }

    public Optional<String> id() {
        return parameters.get("id");
    }

    @Override
    public String toString() {
        return eventType + parameters;
    }
}
