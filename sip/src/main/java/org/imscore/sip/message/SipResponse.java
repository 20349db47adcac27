package org.imscore.sip.message;

import java.util.List;
import java.util.Objects;

/** A SIP response (RFC 3261 §7.2). */
public final class SipResponse extends MessageParts implements SipMessage {

    private final String version;
    private final int statusCode;
    private final String reasonPhrase;
    /** The status line as received, so that a parsed response is written back exactly; null when built. */
    private final String receivedStatusLine;

    private SipResponse(String version, int statusCode, String reasonPhrase, String receivedStatusLine,
                        List<HeaderField> fields, byte[] body) {
        super(fields, body);
        if (statusCode < 100 || statusCode > 699) {
            throw new IllegalArgumentException("status code out of range: " + statusCode);
        }
        this.version = version;
        this.statusCode = statusCode;
        this.reasonPhrase = reasonPhrase;
        this.receivedStatusLine = receivedStatusLine;
    }

    /** A response from parsed parts (the codec). The field list is copied; the body array is adopted. */
    public static SipResponse of(String version, int statusCode, String reasonPhrase, String receivedStatusLine,
                                 List<HeaderField> fields, byte[] body) {
        return new SipResponse(version, statusCode, reasonPhrase, receivedStatusLine, List.copyOf(fields), body);
    }

    /** A builder for a response from scratch. */
    public static Builder builder(int statusCode, String reasonPhrase) {
        return new Builder(statusCode, reasonPhrase, List.of(), null, true);
    }

    /** As {@link #forRequest(SipRequest, int, String)} with the default reason phrase. */
    public static Builder forRequest(SipRequest request, int statusCode) {
        return forRequest(request, statusCode, ReasonPhrases.of(statusCode));
    }

    /**
     * A response to {@code request} per RFC 3261 §8.2.6: copies every Via (in order), From, To, Call-ID and
     * CSeq (and Timestamp for 100, §8.2.6.1); Content-Length is added on build. Call {@link Builder#toTag} to
     * add the To tag a UAS must add (§8.2.6.2).
     */
    public static Builder forRequest(SipRequest request, int statusCode, String reasonPhrase) {
        Builder b = new Builder(statusCode, reasonPhrase, List.of(), null, true);
        List<HeaderField> fields = request.headerFields();
        for (int i = 0, count = fields.size(); i < count; i++) {
            HeaderField f = fields.get(i);
            String n = f.name();
            if (n.equals(HeaderNames.VIA) || n.equals(HeaderNames.FROM) || n.equals(HeaderNames.TO)
                    || n.equals(HeaderNames.CALL_ID) || n.equals(HeaderNames.CSEQ)
                    || (statusCode == 100 && n.equals(HeaderNames.TIMESTAMP))) {
                b.add(f);
            }
        }
        return b;
    }

    public int statusCode() {
        return statusCode;
    }

    public String reasonPhrase() {
        return reasonPhrase;
    }

    /** 1xx. */
    public boolean isProvisional() {
        return statusCode < 200;
    }

    /** 2xx. */
    public boolean isSuccess() {
        return statusCode >= 200 && statusCode < 300;
    }

    /** 200-699. */
    public boolean isFinal() {
        return statusCode >= 200;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public boolean isRequest() {
        return false;
    }

    @Override
    public String startLine() {
        return receivedStatusLine != null ? receivedStatusLine : version + " " + statusCode + " " + reasonPhrase;
    }

    @Override
    public Builder toBuilder() {
        Builder b = new Builder(statusCode, reasonPhrase, fields, bodyUnsafe(), false);
        b.receivedStatusLine = receivedStatusLine;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipResponse r && statusCode == r.statusCode && reasonPhrase.equals(r.reasonPhrase)
                && version.equals(r.version) && samePartsAs(r);
    }

    @Override
    public int hashCode() {
        return Objects.hash(statusCode, reasonPhrase, version) * 31 + partsHash();
    }

    @Override
    public String toString() {
        return describe(startLine());
    }

    /** Builds responses; see {@link SipMessageBuilder} for header and body operations. */
    public static final class Builder extends SipMessageBuilder<Builder> {

        private int statusCode;
        private String reasonPhrase;
        private String receivedStatusLine;

        Builder(int statusCode, String reasonPhrase, List<HeaderField> fields, byte[] body, boolean fresh) {
            super(fields, body, fresh);
            this.statusCode = statusCode;
            this.reasonPhrase = Objects.requireNonNull(reasonPhrase, "reasonPhrase");
        }

        public Builder status(int code, String reason) {
            this.statusCode = code;
            this.reasonPhrase = Objects.requireNonNull(reason);
            this.receivedStatusLine = null;
            return this;
        }

        /**
         * Adds {@code ;tag=} to the To field unless it already has a tag (RFC 3261 §8.2.6.2). The To field keeps
         * its text; the tag is appended to it.
         */
        public Builder toTag(String tag) {
            for (int i = 0; i < fieldCount(); i++) {
                HeaderField f = field(i);
                if (f.name().equals(HeaderNames.TO)) {
                    if (f.as(HeaderType.TO).tag().isEmpty()) {
                        writable().set(i, HeaderField.of(HeaderNames.TO, f.value() + ";tag=" + tag));
                    }
                    break;
                }
            }
            return this;
        }

        @Override
        public SipResponse build() {
            return new SipResponse(SIP_2_0, statusCode, reasonPhrase, receivedStatusLine, finalFields(), finalBody());
        }
    }
}
