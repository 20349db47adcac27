package org.imscore.sip.message;

import java.util.Optional;
import org.imscore.sip.uri.Parameter;
import org.imscore.sip.uri.Parameters;

/**
 * P-Charging-Vector (RFC 7315 §4.6): {@code icid-value=...;icid-generated-at=...;orig-ioi=...;term-ioi=...}.
 * The whole value is a parameter list whose first entry is icid-value.
 */
public record PChargingVector(Parameters parameters) {

    public static PChargingVector parse(String text) {
        HeaderScanner sc = new HeaderScanner(text);
        Parameter first = sc.parameter();
        if (!first.name().equalsIgnoreCase("icid-value") || first.value() == null) {
            throw new HeaderSyntaxException("P-Charging-Vector must start with icid-value");
        }
        Parameters rest = sc.parameters();
        sc.expectEnd();
        java.util.List<Parameter> all = new java.util.ArrayList<>(rest.asList().size() + 1);
        all.add(first);
        all.addAll(rest.asList());
        return new PChargingVector(Parameters.of(all));
    }

    public static PChargingVector of(String icidValue) {
        return new PChargingVector(Parameters.EMPTY.with("icid-value", icidValue));
    }

    public String icidValue() {
        return parameters.value("icid-value");
    }

    public Optional<String> icidGeneratedAt() {
        return parameters.get("icid-generated-at");
    }

    public Optional<String> origIoi() {
        return parameters.get("orig-ioi");
    }

    public Optional<String> termIoi() {
        return parameters.get("term-ioi");
    }

    public PChargingVector with(String name, String value) {
        return new PChargingVector(parameters.with(name, value));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(96);
        parameters.appendJoined(sb, ";");
        return sb.toString();
    }
}
