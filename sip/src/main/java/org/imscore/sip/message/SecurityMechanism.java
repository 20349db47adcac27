package org.imscore.sip.message;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.imscore.sip.uri.Parameters;

/**
 * One mechanism of Security-Client / Security-Server / Security-Verify (RFC 3329 §2.2), with the ipsec-3gpp
 * parameters of TS 33.203 Annex H: alg, ealg, prot, mod, spi-c, spi-s, port-c, port-s, q.
 */
public record SecurityMechanism(String mechanism, Parameters parameters) {

    public SecurityMechanism {
        parameters = parameters == null ? Parameters.EMPTY : parameters;
    }

    public static SecurityMechanism parse(String text) {
        return HeaderScanner.parseAll(text, SecurityMechanism::parse);
    }

    /** One mechanism at the cursor (read in place, see {@link HeaderType#SECURITY_CLIENT}). */
    static SecurityMechanism parse(HeaderScanner sc) {
        return new SecurityMechanism(sc.token("mechanism name"), sc.parameters());
    }

    public Optional<String> alg() {
        return parameters.get("alg");
    }

    public Optional<String> ealg() {
        return parameters.get("ealg");
    }

    public Optional<String> prot() {
        return parameters.get("prot");
    }

    public Optional<String> mod() {
        return parameters.get("mod");
    }

    public OptionalLong spiC() {
        return unsigned("spi-c");
    }

    public OptionalLong spiS() {
        return unsigned("spi-s");
    }

    public OptionalInt portC() {
        OptionalLong v = unsigned("port-c");
        return v.isPresent() ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    public OptionalInt portS() {
        OptionalLong v = unsigned("port-s");
        return v.isPresent() ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    public OptionalDouble q() {
        String v = parameters.value("q");
        try {
            return v == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            throw new HeaderSyntaxException("bad q: " + v);
        }
    }

    private OptionalLong unsigned(String name) {
        String v = parameters.value(name);
        return v == null ? OptionalLong.empty() : OptionalLong.of(HeaderScanner.number(v, 0xFFFFFFFFL, name));
    }

    @Override
    public String toString() {
        return mechanism + parameters;
    }
}
