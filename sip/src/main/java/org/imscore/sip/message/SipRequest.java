package org.imscore.sip.message;

import java.util.List;
import java.util.Objects;
import org.imscore.sip.uri.Uri;

/** A SIP request (RFC 3261 §7.1). Methods are case-sensitive tokens. */
public final class SipRequest extends MessageParts implements SipMessage {

    public static final String INVITE = "INVITE";
    public static final String ACK = "ACK";
    public static final String BYE = "BYE";
    public static final String CANCEL = "CANCEL";
    public static final String OPTIONS = "OPTIONS";
    public static final String REGISTER = "REGISTER";
    public static final String SUBSCRIBE = "SUBSCRIBE";
    public static final String NOTIFY = "NOTIFY";
    public static final String PRACK = "PRACK";
    public static final String UPDATE = "UPDATE";
    public static final String INFO = "INFO";
    public static final String MESSAGE = "MESSAGE";
    public static final String REFER = "REFER";
    public static final String PUBLISH = "PUBLISH";

    /** The methods above: a parsed method spelled as one of them is that constant (see {@link #methodAt}). */
    private static final String[] STANDARD_METHODS = {INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, SUBSCRIBE, NOTIFY,
        PRACK, UPDATE, INFO, MESSAGE, REFER, PUBLISH};

    private final String method;
    private final Uri requestUri;
    private final String requestUriText;
    private final String version;
    private String startLine;

    private SipRequest(String method, Uri requestUri, String requestUriText, String version,
                       List<HeaderField> fields, byte[] body) {
        super(fields, body);
        this.method = method;
        this.requestUri = requestUri;
        this.requestUriText = requestUriText;
        this.version = version;
    }

    /**
     * A request from parsed parts (the codec): the Request-URI text is kept as received. The field list is
     * copied; the body array is adopted.
     */
    public static SipRequest of(String method, Uri requestUri, String requestUriText, String version,
                                List<HeaderField> fields, byte[] body) {
        return new SipRequest(method, requestUri, requestUriText, version, List.copyOf(fields), body);
    }

    /** A builder for a new request; add Via, Max-Forwards, From, To, Call-ID, CSeq (RFC 3261 §8.1.1). */
    public static Builder builder(String method, Uri requestUri) {
        return new Builder(method, requestUri, SIP_2_0, List.of(), null, true);
    }

    public String method() {
        return method;
    }

    /**
     * The method name {@code text[from, to)}: the constant of this class when it is a standard method spelled so
     * (methods are case-sensitive, RFC 3261 §7.1), else a new string. A parser reads a method from every Request-Line
     * and CSeq; the constants spare a string each, and compare by identity first.
     */
    public static String methodAt(String text, int from, int to) {
        int length = to - from;
        for (String m : STANDARD_METHODS) {
            if (m.length() == length && text.startsWith(m, from)) {
                return m;
            }
        }
        return text.substring(from, to);
    }

    public boolean isMethod(String m) {
        return method.equals(m);
    }

    public Uri requestUri() {
        return requestUri;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public boolean isRequest() {
        return true;
    }

    @Override
    public String startLine() {
        // Made once: every send serializes it, and a retransmission or a log line asks again. A benign race: two
        // threads may both make the same immutable string.
        String line = startLine;
        if (line == null) {
            line = method + " " + requestUriText + " " + version;
            startLine = line;
        }
        return line;
    }

    @Override
    public Builder toBuilder() {
        Builder b = new Builder(method, requestUri, version, fields, bodyUnsafe(), false);
        b.requestUriText = requestUriText;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipRequest r && method.equals(r.method) && requestUriText.equals(r.requestUriText)
                && version.equals(r.version) && samePartsAs(r);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, requestUriText, version) * 31 + partsHash();
    }

    /** The message in wire form (for logs; use the codec's serializer for bytes). */
    @Override
    public String toString() {
        return describe(startLine());
    }

    /** Builds requests; see {@link SipMessageBuilder} for header and body operations. */
    public static final class Builder extends SipMessageBuilder<Builder> {

        private String method;
        private Uri requestUri;
        /** The Request-URI as received or as last built, until {@link #requestUri(Uri)} replaces the URI. */
        private String requestUriText;
        private final String version;

        Builder(String method, Uri requestUri, String version, List<HeaderField> fields, byte[] body, boolean fresh) {
            super(fields, body, fresh);
            this.method = Objects.requireNonNull(method, "method");
            this.requestUri = Objects.requireNonNull(requestUri, "requestUri");
            this.version = version;
        }

        public Builder method(String newMethod) {
            this.method = Objects.requireNonNull(newMethod);
            return this;
        }

        public Builder requestUri(Uri uri) {
            this.requestUri = Objects.requireNonNull(uri);
            this.requestUriText = null;
            return this;
        }

        @Override
        public SipRequest build() {
            String uriText = requestUriText != null ? requestUriText : requestUri.toString();
            return new SipRequest(method, requestUri, uriText, version, finalFields(), finalBody());
        }
    }
}
