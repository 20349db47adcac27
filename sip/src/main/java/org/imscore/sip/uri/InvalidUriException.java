package org.imscore.sip.uri;

/** A URI that does not follow its scheme's grammar; the message says which part is wrong. */
public final class InvalidUriException extends IllegalArgumentException {

    public InvalidUriException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // expected on bad input (every malformed URI on the wire); a stack trace would only cost time
    }
}
