package org.imscore.sip.uri;

/** A URI that does not follow its scheme's grammar; the message says which part is wrong. */
public final class InvalidUriException extends IllegalArgumentException {

    public InvalidUriException(String message) {
        super(message);
    }
}
