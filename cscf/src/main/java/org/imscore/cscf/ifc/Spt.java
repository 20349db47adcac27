package org.imscore.cscf.ifc;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.imscore.sip.message.HeaderField;
import org.imscore.sip.message.SipRequest;

/**
 * One service point trigger (TS 29.228 Annex C): a condition, optionally negated, in one clause group.
 *
 * <p>The regular expressions of RequestURI, SIPHeader/Content and SessionDescription/Content are searched for, not
 * anchored (TS 29.228 Annex C leaves the anchoring to the expression: "^" and "$" are written where wanted).
 */
public record Spt(boolean negated, int group, Condition condition) {

    public Spt {
        Objects.requireNonNull(condition, "condition");
        if (group < 0) {
            throw new IllegalArgumentException("SPT Group must be 0 or more, was " + group);
        }
    }

    public boolean matches(TriggerInput input) {
        return condition.test(input) != negated;
    }

    /** What one SPT tests: exactly one of the five kinds the schema offers. */
    public sealed interface Condition {
        boolean test(TriggerInput input);
    }

    /** The request method, compared case-sensitively as SIP methods are (RFC 3261 §7.1). */
    public record MethodIs(String method) implements Condition {
        public MethodIs {
            Objects.requireNonNull(method, "method");
        }

        @Override
        public boolean test(TriggerInput input) {
            return input.request().method().equals(method);
        }
    }

    /** The Request-URI, as written, contains a match of the expression. */
    public record RequestUriMatches(Pattern pattern) implements Condition {
        public RequestUriMatches {
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public boolean test(TriggerInput input) {
            return pattern.matcher(requestUriText(input.request())).find();
        }

        /** By expression (Pattern itself compares by identity): equal criteria from two documents are equal. */
        @Override
        public boolean equals(Object o) {
            return o instanceof RequestUriMatches other && sameExpression(pattern, other.pattern);
        }

        @Override
        public int hashCode() {
            return pattern.pattern().hashCode();
        }

        private static String requestUriText(SipRequest request) {
            String line = request.startLine();
            int first = line.indexOf(' ');
            int last = line.lastIndexOf(' ');
            return first < last ? line.substring(first + 1, last) : request.requestUri().toString();
        }
    }

    /**
     * The header is present (no content) or one of its field values contains a match of the content expression.
     * The header name is matched as SIP matches names: any case, compact form included.
     */
    public record HeaderMatches(String header, Optional<Pattern> content) implements Condition {
        public HeaderMatches {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(content, "content");
        }

        @Override
        public boolean test(TriggerInput input) {
            var fields = input.request().headerFields(header);
            if (content.isEmpty()) {
                return !fields.isEmpty();
            }
            return fields.stream().map(HeaderField::value).anyMatch(v -> content.get().matcher(v).find());
        }

        /** By header and expression, as {@link RequestUriMatches}. */
        @Override
        public boolean equals(Object o) {
            return o instanceof HeaderMatches other && header.equals(other.header)
                    && sameExpression(content, other.content);
        }

        @Override
        public int hashCode() {
            return 31 * header.hashCode() + content.map(Pattern::pattern).hashCode();
        }
    }

    /** The session case the S-CSCF serves the request in. */
    public record SessionCaseIs(SessionCase sessionCase) implements Condition {
        public SessionCaseIs {
            Objects.requireNonNull(sessionCase, "sessionCase");
        }

        @Override
        public boolean test(TriggerInput input) {
            return input.sessionCase() == sessionCase;
        }
    }

    /**
     * The SDP body has a line of this type (e.g. "m"), or one whose value (after "=") contains a match of the content
     * expression. A request without an SDP body has no lines.
     */
    public record SdpLineMatches(String line, Optional<Pattern> content) implements Condition {
        public SdpLineMatches {
            Objects.requireNonNull(line, "line");
            Objects.requireNonNull(content, "content");
        }

        @Override
        public boolean test(TriggerInput input) {
            SipRequest r = input.request();
            boolean sdp = r.headerValue("Content-Type")
                    .map(t -> t.toLowerCase(Locale.ROOT).startsWith("application/sdp"))
                    .orElse(false);
            if (!sdp) {
                return false;
            }
            String prefix = line + "=";
            return r.bodyAsString().lines()
                    .filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(prefix.length()))
                    .anyMatch(v -> content.map(p -> p.matcher(v).find()).orElse(true));
        }

        /** By line type and expression, as {@link RequestUriMatches}. */
        @Override
        public boolean equals(Object o) {
            return o instanceof SdpLineMatches other && line.equals(other.line)
                    && sameExpression(content, other.content);
        }

        @Override
        public int hashCode() {
            return 31 * line.hashCode() + content.map(Pattern::pattern).hashCode();
        }
    }

    private static boolean sameExpression(Pattern a, Pattern b) {
        return a.pattern().equals(b.pattern()) && a.flags() == b.flags();
    }

    private static boolean sameExpression(Optional<Pattern> a, Optional<Pattern> b) {
        return a.isPresent() == b.isPresent() && (a.isEmpty() || sameExpression(a.get(), b.get()));
    }

    /** Compiles an expression from the profile, naming the element when it is not a valid one. */
    public static Pattern regex(String element, String expression) {
        try {
            return Pattern.compile(expression);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(element + " is not a valid regular expression: " + expression, e);
        }
    }
}
