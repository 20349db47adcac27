package org.imscore.sip.message;

/**
 * A header field value that does not follow its grammar, found when the value is read. The transaction layer
 * answers a request that fails this way with {@code 400} and {@link #reasonPhrase()}.
 */
public final class MalformedHeaderException extends RuntimeException {

    private final String headerName;

    public MalformedHeaderException(String headerName, String detail) {
        // No stack trace: this is an expected outcome of reading untrusted input, not a programming error.
        super(headerName + ": " + detail, null, false, false);
        this.headerName = headerName;
    }

    public String headerName() {
        return headerName;
    }

    /** "Bad Contact header": the reason phrase of the 400 response. */
    public String reasonPhrase() {
        return "Bad " + headerName + " header";
    }
}
