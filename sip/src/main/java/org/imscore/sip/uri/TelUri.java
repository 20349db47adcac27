package org.imscore.sip.uri;

import java.util.Optional;

/**
 * A {@code tel:} URI (RFC 3966). Global numbers start with '+'; local numbers need a {@code phone-context}
 * parameter (§5.1.5).
 *
 * @param number     the number as written, visual separators included ("+1-201-555-0123", "7042")
 * @param parameters the parameters in order (isub, ext, phone-context, others)
 */
public record TelUri(String number, Parameters parameters) implements Uri {

    public TelUri {
        if (number == null || number.isEmpty()) {
            throw new InvalidUriException("tel URI without a number");
        }
        parameters = parameters == null ? Parameters.EMPTY : parameters;
    }

    public static TelUri parse(String text) {
        if (UriParser.parse(text) instanceof TelUri uri) {
            return uri;
        }
        throw new InvalidUriException("not a tel URI: " + text);
    }

    @Override
    public String scheme() {
        return "tel";
    }

    public boolean isGlobal() {
        return number.charAt(0) == '+';
    }

    public Optional<String> phoneContext() {
        return parameters.get("phone-context");
    }

    /** The number without visual separators ('-', '.', '(', ')'), '+' kept: "+12015550123". */
    public String digits() {
        return UriComparison.stripVisualSeparators(number);
    }

    @Override
    public boolean equivalent(Uri other) {
        return other instanceof TelUri o && UriComparison.telEquivalent(this, o);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(24).append("tel:").append(number);
        parameters.appendTo(sb, ';');
        return sb.toString();
    }
}
