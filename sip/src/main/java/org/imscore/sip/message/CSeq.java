package org.imscore.sip.message;

/**
 * CSeq (RFC 3261 §20.16): sequence number (less than 2**31, §8.1.1.5) and method.
 */
public record CSeq(long number, String method) {

    public static final long MAX = (1L << 31) - 1;

    public CSeq {
        if (number < 0 || number > MAX) {
            throw new HeaderSyntaxException("CSeq number out of range: " + number);
        }
        if (!HeaderScanner.isToken(method)) {
            throw new HeaderSyntaxException("bad CSeq method: " + method);
        }
    }

    public static CSeq parse(String text) {
        HeaderScanner sc = new HeaderScanner(text);
        sc.skipWs();
        int from = sc.pos;
        while (sc.pos < sc.end && Character.isDigit(text.charAt(sc.pos))) {
            sc.pos++;
        }
        if (sc.pos == from || (sc.pos < sc.end && text.charAt(sc.pos) != ' ' && text.charAt(sc.pos) != '\t')) {
            throw sc.error("bad CSeq number");
        }
        long n = HeaderScanner.number(text, from, sc.pos, MAX, "CSeq number");
        sc.skipWs();
        int methodStart = sc.pos;
        sc.skipToken("CSeq method"); // checks the token; the method itself is read below, a constant when standard
        String method = SipRequest.methodAt(text, methodStart, sc.pos);
        sc.expectEnd();
        return new CSeq(n, method);
    }

    @Override
    public String toString() {
        return number + " " + method;
    }
}
