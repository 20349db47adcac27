package org.imscore.sip.message;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One Contact value (RFC 3261 §20.10): an address with contact-params (expires, q, +sip.instance, reg-id of
 * RFC 5626), or the wildcard {@code *} used to remove all bindings (§10.2.2).
 *
 * @param address the address, or {@code null} for the wildcard
 */
public record Contact(NameAddress address) {

    public static final Contact WILDCARD = new Contact(null);

    public static Contact parse(String text) {
        if (text.strip().equals("*")) {
            return WILDCARD;
        }
        return new Contact(NameAddress.parse(text));
    }

    /** As {@link #parse(String)} for the value at the cursor, read in place (see {@link HeaderType#CONTACT}). */
    static Contact parse(HeaderScanner sc) {
        // The wildcard test of parse(String): the rest of the value, stripped of white space, is "*".
        int from = sc.pos;
        int to = sc.end;
        while (from < to && Character.isWhitespace(sc.s.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(sc.s.charAt(to - 1))) {
            to--;
        }
        if (to - from == 1 && sc.s.charAt(from) == '*') {
            sc.pos = sc.end;
            return WILDCARD;
        }
        return new Contact(NameAddress.parse(sc));
    }

    public boolean isWildcard() {
        return address == null;
    }

    private String param(String name) {
        return address == null ? null : address.parameters().value(name);
    }

    public OptionalLong expires() {
        String v = param("expires");
        if (v == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(HeaderScanner.number(v, Long.MAX_VALUE, "expires"));
    }

    public OptionalDouble q() {
        String v = param("q");
        if (v == null) {
            return OptionalDouble.empty();
        }
        try {
            double q = Double.parseDouble(v);
            if (q < 0 || q > 1) {
                throw new HeaderSyntaxException("q out of range: " + v);
            }
            return OptionalDouble.of(q);
        } catch (NumberFormatException e) {
            throw new HeaderSyntaxException("bad q: " + v);
        }
    }

    /** The {@code +sip.instance} value without quotes, e.g. {@code <urn:gsma:imei:...>} (RFC 5626 §4.1). */
    public Optional<String> instance() {
        return Optional.ofNullable(param("+sip.instance"));
    }

    public OptionalInt regId() {
        String v = param("reg-id");
        return v == null ? OptionalInt.empty() : OptionalInt.of((int) HeaderScanner.number(v, Integer.MAX_VALUE, "reg-id"));
    }

    @Override
    public String toString() {
        return address == null ? "*" : address.toString();
    }
}
