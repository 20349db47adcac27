package org.imscore.sip.codec;

/**
 * Why a message was not accepted: the status a server answers a bad request with (400, or 505 for an unknown
 * SIP version) and a reason phrase that names the bad element, e.g. "Bad CSeq header",
 * "Missing Call-ID header", "Content-Length mismatch".
 *
 * @param statusCode   400 or 505
 * @param reasonPhrase the reason phrase for the response, naming the bad element
 * @param detail       what exactly is wrong, for logs
 */
public record SipParseError(int statusCode, String reasonPhrase, String detail) {

    static SipParseError badRequest(String reason, String detail) {
        return new SipParseError(400, reason, detail);
    }

    @Override
    public String toString() {
        return statusCode + " " + reasonPhrase + " (" + detail + ")";
    }
}
