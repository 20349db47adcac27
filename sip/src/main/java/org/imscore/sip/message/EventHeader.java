package org.imscore.sip.message;

import java.util.Optional;
import org.imscore.sip.uri.Parameters;

/** Event (RFC 6665 §8.2.1): event package (e.g. "reg", RFC 3680) with parameters such as id. */
public record EventHeader(String eventType, Parameters parameters) {

    public static EventHeader parse(String text) {
        return HeaderScanner.parseAll(text, sc -> new EventHeader(sc.token("event type"), sc.parameters()));
    }

    public Optional<String> id() {
        return parameters.get("id");
    }

    @Override
    public String toString() {
        return eventType + parameters;
    }
}
