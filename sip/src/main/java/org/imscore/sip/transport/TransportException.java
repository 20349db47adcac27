package org.imscore.sip.transport;

/** A message could not be sent: the reason is in the message; the cause, if any, is the I/O failure. */
public class TransportException extends RuntimeException {

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
