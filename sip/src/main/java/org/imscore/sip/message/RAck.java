package org.imscore.sip.message;

/** RAck (RFC 3262 §7.2): response-num, CSeq-num and method of the reliable provisional response acknowledged. */
public record RAck(long responseNumber, long cseqNumber, String method) {

    public static RAck parse(String text) {
        HeaderScanner sc = new HeaderScanner(text);
        String rseq = sc.token("response-num");
        String cseq = sc.token("CSeq-num");
        String method = sc.token("method");
        sc.expectEnd();
        return new RAck(HeaderScanner.number(rseq, 0xFFFFFFFFL, "response-num"),
                HeaderScanner.number(cseq, CSeq.MAX, "CSeq-num"), method);
    }

    @Override
    public String toString() {
        return responseNumber + " " + cseqNumber + " " + method;
    }
}
