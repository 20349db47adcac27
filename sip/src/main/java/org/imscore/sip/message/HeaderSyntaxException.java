package org.imscore.sip.message;

/** A value that does not follow its header grammar; {@link HeaderType} turns it into a {@link MalformedHeaderException}. */
public final class HeaderSyntaxException extends IllegalArgumentException {

    public HeaderSyntaxException(String detail) {
        super(detail);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // expected on bad input; a stack trace would only cost time
    }
}
