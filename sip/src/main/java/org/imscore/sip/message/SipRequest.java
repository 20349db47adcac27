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

    private final String method;
    private final Uri requestUri;
    private final String requestUriText;
    private final String version;

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
        return method + " " + requestUriText + " " + version;
    }

    @Override
    public Builder toBuilder() {
        return new Builder(method, requestUri, version, fields, bodyUnsafe(), false);
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
