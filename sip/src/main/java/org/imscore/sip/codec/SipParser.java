package org.imscore.sip.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imscore.sip.message.CSeq;
import org.imscore.sip.message.HeaderField;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.MalformedHeaderException;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.message.Via;
import org.imscore.sip.uri.InvalidUriException;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.Uri;

/**
 * Parses one SIP message from bytes (a datagram, or a frame cut by {@link SipStreamFramer}). Nothing is thrown
 * for any input: the outcome is a {@link SipParseResult}.
 *
 * <p>Validated eagerly, because every message needs them: the start line, Via, From, To, Call-ID, CSeq,
 * Max-Forwards and Content-Length (RFC 3261 §8.1.1, §18.3). Every other header is kept as received text and
 * parsed on first read, so a bad optional header fails only when something reads it (or in
 * {@link SipValidator#strict}).
 *
 * <p>Body: with Content-Length, exactly that many octets (extra datagram octets are discarded, §18.3; fewer
 * is "Content-Length mismatch"); without it, the rest of the input.
 */
public final class SipParser {

    /** Detail of the result produced if the parser itself has a defect; tests assert it never appears. */
    static final String DEFECT = "parser defect";

    /** The body of a message without one; shared, as messages never hand out their body array itself. */
    private static final byte[] NO_BODY = new byte[0];

    /** token characters (RFC 3261 §25.1). */
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            TOKEN[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-.!%*_+`'~".indexOf(c) >= 0;
        }
    }

    private SipParser() {
    }

    public static SipParseResult parse(byte[] data) {
        return parse(data, 0, data.length);
    }

    /** Parses the readable bytes of {@code buf} without moving its reader index. */
    public static SipParseResult parse(ByteBuf buf) {
        int n = buf.readableBytes();
        if (buf.hasArray()) {
            return parse(buf.array(), buf.arrayOffset() + buf.readerIndex(), n);
        }
        byte[] copy = new byte[n];
        buf.getBytes(buf.readerIndex(), copy);
        return parse(copy, 0, n);
    }

    public static SipParseResult parse(byte[] data, int offset, int length) {
        try {
            return new Run(data, offset, offset + length).parse();
        } catch (RuntimeException | StackOverflowError e) {
            return SipParseResult.failure(SipParseError.badRequest("Bad Request", DEFECT + ": " + e), false, null,
                    List.of());
        }
    }

    /** The parts of a Request-Line (uri, uriText) or Status-Line (status, reason, and the line as received). */
    private record StartLine(String version, Uri uri, String uriText, int status, String reason, String line) {
        static final StartLine BAD = new StartLine(null, null, null, 0, null, null);
    }

    /** One parse: state that lives for a single message. */
    private static final class Run {

        private final byte[] data;
        private final int end;
        private int start;
        private String head;
        /** Whether {@link #head} holds only chars below 0x80, which an encoder may then copy a char per octet. */
        private boolean asciiHead;
        private SipParseError error;
        private boolean response;
        private String method;

        Run(byte[] data, int start, int end) {
            this.data = data;
            this.start = start;
            this.end = end;
        }

        private void fail(SipParseError e) {
            if (error == null) {
                error = e;
            }
        }

        private void fail(String reason, String detail) {
            fail(SipParseError.badRequest(reason, detail));
        }

        SipParseResult parse() {
            // Leading CRLFs are keep-alives or stray line ends (RFC 3261 §7.5).
            while (start < end && (data[start] == '\r' || data[start] == '\n')) {
                start++;
            }
            if (start == end) {
                return SipParseResult.failure(SipParseError.badRequest("Empty message", "no octets"), false,
                        null, List.of());
            }
            int headEnd = -1;
            int bodyStart = end;
            int octetBits = 0;
            for (int i = start; i < end; i++) {
                octetBits |= data[i];
                if (data[i] == '\n') {
                    if (i + 1 < end && data[i + 1] == '\n') {
                        headEnd = i + 1;
                        bodyStart = i + 2;
                        break;
                    }
                    if (i + 2 < end && data[i + 1] == '\r' && data[i + 2] == '\n') {
                        headEnd = i + 1;
                        bodyStart = i + 3;
                        break;
                    }
                }
            }
            if (headEnd < 0) {
                headEnd = end;
            }
            head = new String(data, start, headEnd - start, StandardCharsets.UTF_8);
            // The loop saw every octet of the head; none had its top bit set, so every char is below 0x80.
            asciiHead = octetBits >= 0;
            int lineEnd = head.indexOf('\n');
            int n = head.length();
            int startLineEnd = lineEnd < 0 ? n : contentEnd(lineEnd);
            StartLine startParts = parseStartLine(startLineEnd);

            List<HeaderField> fields = new ArrayList<>(24);
            int pos = lineEnd < 0 ? n : lineEnd + 1;
            while (pos < n) {
                int ls = pos;
                int e = indexOfNewline(pos);
                while (e + 1 < n && (head.charAt(e + 1) == ' ' || head.charAt(e + 1) == '\t')) {
                    e = indexOfNewline(e + 1); // folded continuation line (LWS, §7.3.1)
                }
                pos = e + 1;
                int fieldEnd = contentEnd(e);
                addField(fields, ls, fieldEnd);
            }
            byte[] body = validate(fields, bodyStart);
            if (headEnd == end) {
                // Reported after the header checks: a bad header names the problem more precisely.
                fail("Incomplete message", "no empty line after the header fields");
            }
            List<HeaderField> usable = usableFields;
            if (error != null) {
                return SipParseResult.failure(error, response, method, usable);
            }
            if (response) {
                return SipParseResult.success(SipResponse.of(startParts.version(), startParts.status(),
                        startParts.reason(), startParts.line(), fields, body));
            }
            return SipParseResult.success(SipRequest.of(method, startParts.uri(), startParts.uriText(),
                    startParts.version(), fields, body));
        }

        private int indexOfNewline(int from) {
            int e = head.indexOf('\n', from);
            return e < 0 ? head.length() : e;
        }

        /** End of a line's content: before "\r\n" or "\n" ending at {@code nl}. */
        private int contentEnd(int nl) {
            return nl > 0 && nl <= head.length() && head.charAt(nl - 1) == '\r' ? nl - 1 : nl;
        }

        private void addField(List<HeaderField> fields, int ls, int fieldEnd) {
            if (fieldEnd <= ls) {
                return;
            }
            int colon = head.indexOf(':', ls);
            if (colon < 0 || colon >= fieldEnd) {
                fail("Bad header field", "line without ':' at offset " + ls);
                return;
            }
            int nameEnd = colon;
            while (nameEnd > ls && (head.charAt(nameEnd - 1) == ' ' || head.charAt(nameEnd - 1) == '\t')) {
                nameEnd--;
            }
            String name = nameEnd == ls ? null : HeaderNames.canonical(head, ls, nameEnd);
            // A known name matched a constant, so it is a token; only unknown names need the check.
            if (name == null || (!HeaderNames.isKnown(name) && !isToken(ls, nameEnd))) {
                fail("Bad header field", "bad header name at offset " + ls);
                return;
            }
            fields.add(HeaderField.received(name, head, asciiHead, ls, colon + 1, fieldEnd));
        }

        private boolean isToken(int from, int to) {
            return isTokenString(head, from, to);
        }

        /**
         * Request-Line elements are separated by exactly one SP (RFC 3261 §7.1; RFC 4475 §3.1.2.9/§3.1.2.10).
         * On failure the error is recorded and {@link StartLine#BAD} returned. The line is {@code head[0, end)}; a
         * Request-Line is read in place (its parts are kept, the line itself is not), a Status-Line is kept whole.
         */
        private StartLine parseStartLine(int end) {
            if (head.regionMatches(true, 0, "SIP/", 0, 4)) {
                response = true;
                return parseStatusLine(head.substring(0, end));
            }
            int sp1 = indexOf(' ', 0, end);
            if (sp1 > 0 && isTokenString(head, 0, sp1)) {
                method = SipRequest.methodAt(head, 0, sp1);
            }
            int sp2 = sp1 < 0 ? -1 : indexOf(' ', sp1 + 1, end);
            if (method == null || sp2 < 0 || sp2 == sp1 + 1 || indexOf(' ', sp2 + 1, end) >= 0
                    || indexOf('\t', 0, end) >= 0 || sp2 == end - 1) {
                fail("Bad Request-Line", "Request-Line is not 'Method SP Request-URI SP SIP-Version'");
                return StartLine.BAD;
            }
            String uriText = head.substring(sp1 + 1, sp2);
            String version = head.startsWith(SipMessage.SIP_2_0, sp2 + 1) && end == sp2 + 8
                    ? SipMessage.SIP_2_0 : head.substring(sp2 + 1, end);
            if (!version.equalsIgnoreCase("SIP/2.0")) {
                if (isVersion(version)) {
                    fail(new SipParseError(505, "Version Not Supported", "version " + version));
                } else {
                    fail("Bad Request-Line", "bad SIP-Version '" + version + "'");
                }
            }
            Uri uri = null;
            try {
                uri = Uri.parse(uriText);
                if (uri instanceof SipUri s && !s.headers().isEmpty()) {
                    // Headers are not allowed in a Request-URI (RFC 3261 §19.1.1 table; RFC 4475 §3.1.2.11).
                    fail("Bad Request-URI", "header component in Request-URI");
                }
            } catch (InvalidUriException e) {
                fail("Bad Request-URI", e.getMessage());
            }
            return new StartLine(version, uri, uriText, 0, null, null);
        }

        /** The index of {@code c} in {@code head[from, end)}, or -1. */
        private int indexOf(char c, int from, int end) {
            int i = head.indexOf(c, from);
            return i < end ? i : -1;
        }

        private StartLine parseStatusLine(String line) {
            int sp1 = line.indexOf(' ');
            String version = sp1 < 0 ? line : line.substring(0, sp1);
            int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
            int codeEnd = sp2 < 0 ? line.length() : sp2;
            if (sp1 < 0 || codeEnd - sp1 - 1 != 3 || !isVersion(version)) {
                fail("Bad Status-Line", "Status-Line is not 'SIP-Version SP 3DIGIT SP Reason-Phrase'");
                return StartLine.BAD;
            }
            int code = 0;
            for (int i = sp1 + 1; i < codeEnd; i++) {
                char c = line.charAt(i);
                if (c < '0' || c > '9') {
                    fail("Bad Status-Line", "bad status code");
                    return StartLine.BAD;
                }
                code = code * 10 + (c - '0');
            }
            if (code < 100 || code > 699) {
                fail("Bad Status-Line", "status code out of range");
                return StartLine.BAD;
            }
            if (!version.equalsIgnoreCase("SIP/2.0")) {
                fail("Bad Status-Line", "unsupported version " + version);
            }
            return new StartLine(version, null, null, code, sp2 < 0 ? "" : line.substring(sp2 + 1), line);
        }

        private static boolean isVersion(String v) {
            if (v.length() < 7 || !v.regionMatches(true, 0, "SIP/", 0, 4)) {
                return false;
            }
            int dot = v.indexOf('.', 4);
            return dot > 4 && dot < v.length() - 1 && allDigits(v, 4, dot) && allDigits(v, dot + 1, v.length());
        }

        private static boolean allDigits(String s, int from, int to) {
            for (int i = from; i < to; i++) {
                if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }

        private static boolean isTokenString(String s, int from, int to) {
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c >= 128 || !TOKEN[c]) {
                    return false;
                }
            }
            return true;
        }

        private List<HeaderField> usableFields = List.of();

        /** Checks the headers every message needs; returns the body. Collects the usable fields as it goes. */
        private byte[] validate(List<HeaderField> fields, int bodyStart) {
            List<HeaderField> usable = new ArrayList<>(8);
            int vias = 0;
            int from = 0;
            int to = 0;
            int callIds = 0;
            int cseqs = 0;
            int maxForwards = 0;
            int contentLengths = 0;
            CSeq cseq = null;
            int contentLength = -1;
            for (int i = 0, count = fields.size(); i < count; i++) {
                HeaderField f = fields.get(i);
                String n = f.name();
                try {
                    if (n == HeaderNames.VIA) {
                        vias++;
                        if (checkVia(f, usable, vias == 1)) {
                            continue;
                        }
                    } else if (n == HeaderNames.FROM) {
                        if (++from == 1 && parsed(f, HeaderType.FROM)) {
                            usable.add(f);
                        }
                    } else if (n == HeaderNames.TO) {
                        if (++to == 1 && parsed(f, HeaderType.TO)) {
                            usable.add(f);
                        }
                    } else if (n == HeaderNames.CALL_ID) {
                        if (++callIds == 1 && parsed(f, HeaderType.CALL_ID)) {
                            usable.add(f);
                        }
                    } else if (n == HeaderNames.CSEQ) {
                        if (++cseqs == 1 && parsed(f, HeaderType.CSEQ)) {
                            cseq = f.as(HeaderType.CSEQ);
                            usable.add(f);
                        }
                    } else if (n == HeaderNames.MAX_FORWARDS) {
                        if (++maxForwards == 1) {
                            parsed(f, HeaderType.MAX_FORWARDS);
                        }
                    } else if (n == HeaderNames.CONTENT_LENGTH) {
                        if (++contentLengths == 1 && parsed(f, HeaderType.CONTENT_LENGTH)) {
                            contentLength = f.as(HeaderType.CONTENT_LENGTH);
                        }
                    }
                } catch (MalformedHeaderException e) {
                    fail(e.reasonPhrase(), e.getMessage());
                }
            }
            usableFields = usable;
            required(vias, HeaderNames.VIA);
            required(from, HeaderNames.FROM);
            required(to, HeaderNames.TO);
            required(callIds, HeaderNames.CALL_ID);
            required(cseqs, HeaderNames.CSEQ);
            single(from, HeaderNames.FROM);
            single(to, HeaderNames.TO);
            single(callIds, HeaderNames.CALL_ID);
            single(cseqs, HeaderNames.CSEQ);
            single(maxForwards, HeaderNames.MAX_FORWARDS);
            single(contentLengths, HeaderNames.CONTENT_LENGTH);
            if (!response && method != null && cseq != null && !cseq.method().equals(method)) {
                // §8.2: the CSeq method must match the Request-Line (RFC 4475 §3.1.2.17, §3.1.2.18).
                fail("CSeq method does not match Request-Line", "CSeq " + cseq + " in " + method);
            }
            int available = Math.max(0, end - bodyStart);
            if (contentLength > available) {
                fail("Content-Length mismatch", "Content-Length " + contentLength + " but " + available
                        + " octets follow");
                return NO_BODY;
            }
            int bodyLength = contentLength >= 0 ? contentLength : available;
            return bodyLength == 0 ? NO_BODY : Arrays.copyOfRange(data, bodyStart, bodyStart + bodyLength);
        }

        private static boolean parsed(HeaderField f, HeaderType<?> type) {
            f.as(type); // throws MalformedHeaderException naming the header; the value stays cached
            return true;
        }

        /**
         * Parses the top Via field; a lower one is kept unread. The transaction layer and the transport read the top
         * Via alone (RFC 3261 §17.1.3, §17.2.3, §18.2.2); a proxy reads the ones below it where it needs them (loop
         * detection, §16.3 step 4; the next hop of a response, §16.7 step 3) and answers or drops then. A message
         * crossing five proxies carries five Vias: parsing all of them at each hop was the bulk of its Via work.
         * The response to a bad request travels by the top Via only (§18.2.2), so lower Via fields are copied as
         * they are once the top one is usable. If the top Via is bad, its sent-protocol and sent-by are kept when
         * they parse, so that a 400 can still be routed back (the branch is lost; the client then matches as RFC
         * 2543 does, §17.1.3).
         */
        private boolean checkVia(HeaderField f, List<HeaderField> usable, boolean top) {
            if (!top) {
                if (topViaUsable) {
                    usable.add(f);
                }
                return true;
            }
            try {
                if (f.asList(HeaderType.VIA).isEmpty()) {
                    throw new MalformedHeaderException(HeaderNames.VIA, "empty value");
                }
                usable.add(f);
                topViaUsable = true;
            } catch (MalformedHeaderException e) {
                fail(e.reasonPhrase(), e.getMessage());
                String v = f.value();
                int cut = v.length();
                for (int i = 0; i < v.length(); i++) {
                    if (v.charAt(i) == ';' || v.charAt(i) == ',') {
                        cut = i;
                        break;
                    }
                }
                try {
                    Via.parse(v.substring(0, cut));
                    usable.add(HeaderField.of(HeaderNames.VIA, v.substring(0, cut).strip()));
                    topViaUsable = true;
                } catch (IllegalArgumentException ignored) {
                    // nothing usable: without a Via the request cannot be answered
                }
            }
            return true;
        }

        private boolean topViaUsable;

        private void required(int count, String name) {
            if (count == 0) {
                fail("Missing " + name + " header", name + " is mandatory (RFC 3261 §8.1.1)");
            }
        }

        private void single(int count, String name) {
            if (count > 1) {
                fail("Multiple " + name + " headers", name + " must appear once");
            }
        }
    }
}
