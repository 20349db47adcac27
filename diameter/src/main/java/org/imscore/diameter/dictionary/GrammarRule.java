package org.imscore.diameter.dictionary;

/**
 * One element of a command code format or grouped AVP grammar (RFC 6733 section 3.2):
 * {@code <X>} fixed, {@code {X}} required, {@code [X]} optional, with a repetition range.
 * The element {@code AVP} (no definition) stands for any AVP.
 *
 * @param avp the AVP this rule names, or null for the wildcard {@code AVP}
 * @param max the largest count allowed; {@link Integer#MAX_VALUE} when unbounded
 */
public record GrammarRule(Kind kind, String name, AvpDefinition avp, int min, int max) {

    public enum Kind { FIXED, REQUIRED, OPTIONAL }

    public boolean isWildcard() {
        return avp == null;
    }

    @Override
    public String toString() {
        String body = switch (kind) {
            case FIXED -> "<" + name + ">";
            case REQUIRED -> "{" + name + "}";
            case OPTIONAL -> "[" + name + "]";
        };
        return (min == defaultMin() && max == 1 ? "" : min + "*" + (max == Integer.MAX_VALUE ? "" : max)) + body;
    }

    private int defaultMin() {
        return kind == Kind.OPTIONAL ? 0 : 1;
    }
}
