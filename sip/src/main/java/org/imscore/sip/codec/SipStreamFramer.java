package org.imscore.sip.codec;

import io.netty.buffer.ByteBuf;

/**
 * Cuts SIP messages out of a byte stream (TCP, TLS) by Content-Length (RFC 3261 §18.3). Skips CRLF keep-alives
 * between messages (RFC 5626 §3.5.1: a CRLFCRLF "ping" is reported so the transport can answer with a CRLF
 * "pong"). A message larger than the configured maximum is reported as {@link Frame.Oversize}: the transport
 * answers 513 (RFC 3261 §21.5.14) if it can and closes the connection, since the stream cannot be resynchronised.
 *
 * <p>Not thread-safe; one framer per connection. {@link #next(ByteBuf)} consumes only what it returns.
 */
public final class SipStreamFramer {

    /** One thing cut from the stream. */
    public sealed interface Frame {

        /** A complete message's octets (head and body), ready for {@link SipParser#parse(byte[])}. */
        record Message(byte[] bytes) implements Frame {
        }

        /** A CRLFCRLF keep-alive ping, consumed; answer with CRLF. */
        record KeepAlivePing() implements Frame {
        }

        /**
         * The message at the head of the stream is larger than the limit (or its head is). Nothing was consumed;
         * the stream cannot continue.
         *
         * @param size the known size so far (at least the limit)
         * @param head the octets of the header section if it was complete, so that a 513 can be addressed, else
         *             null
         */
        record Oversize(long size, byte[] head) implements Frame {
        }

        /** The Content-Length cannot be read, so the stream cannot be framed; answer 400 and close. */
        record Malformed(SipParseError error, byte[] head) implements Frame {
        }
    }

    private final int maxMessageSize;
    /** Octets after the reader index already searched for the end of the head without finding it. */
    private int scanned;

    public SipStreamFramer(int maxMessageSize) {
        if (maxMessageSize < 64) {
            throw new IllegalArgumentException("maxMessageSize too small: " + maxMessageSize);
        }
        this.maxMessageSize = maxMessageSize;
    }

    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** The next frame, or null when more octets are needed. */
    public Frame next(ByteBuf in) {
        int r = in.readerIndex();
        int w = in.writerIndex();
        // Keep-alives: CRLFCRLF is a ping; a lone CRLF (a pong, or a stray line end) is skipped.
        while (r < w && (in.getByte(r) == '\r' || in.getByte(r) == '\n')) {
            int n = Math.min(4, w - r);
            if (isPingPrefix(in, r, n)) {
                if (n == 4) {
                    in.readerIndex(r + 4);
                    scanned = 0;
                    return new Frame.KeepAlivePing();
                }
                in.readerIndex(r);
                return null; // could still become a ping
            }
            r++;
        }
        in.readerIndex(r);
        int limit = Math.min(w, r + maxMessageSize);
        int headEnd = -1;
        int bodyStart = -1;
        // Resume where the last call stopped (minus 2 octets of a possibly split CRLF CRLF), so a head that
        // arrives in many segments is scanned once.
        int i = Math.max(r, r + scanned - 2);
        while (i < limit) {
            int lf = in.indexOf(i, limit, (byte) '\n');
            if (lf < 0) {
                break;
            }
            if (lf + 1 < w && in.getByte(lf + 1) == '\n') {
                headEnd = lf + 1;
                bodyStart = lf + 2;
                break;
            }
            if (lf + 2 < w && in.getByte(lf + 1) == '\r' && in.getByte(lf + 2) == '\n') {
                headEnd = lf + 1;
                bodyStart = lf + 3;
                break;
            }
            i = lf + 1;
        }
        scanned = headEnd < 0 ? limit - r : 0;
        if (headEnd < 0) {
            if (w - r >= maxMessageSize) {
                return new Frame.Oversize(w - r, null);
            }
            return null;
        }
        long contentLength = contentLength(in, r, headEnd);
        if (contentLength == -2) {
            byte[] head = bytes(in, r, bodyStart);
            return new Frame.Malformed(SipParseError.badRequest("Bad Content-Length header",
                    "Content-Length cannot frame the stream"), head);
        }
        long total = (long) (bodyStart - r) + Math.max(0, contentLength);
        if (total > maxMessageSize) {
            return new Frame.Oversize(total, bytes(in, r, bodyStart));
        }
        if (w - r < total) {
            return null;
        }
        byte[] msg = bytes(in, r, (int) (r + total));
        in.readerIndex((int) (r + total));
        scanned = 0;
        return new Frame.Message(msg);
    }

    private static boolean isPingPrefix(ByteBuf in, int from, int n) {
        for (int i = 0; i < n; i++) {
            if (in.getByte(from + i) != ((i & 1) == 0 ? '\r' : '\n')) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(ByteBuf in, int from, int to) {
        byte[] b = new byte[to - from];
        in.getBytes(from, b);
        return b;
    }

    /**
     * The Content-Length value in the head {@code [from, to)}: -1 when absent (taken as 0: a stream message
     * without a body), -2 when unreadable or repeated with different values.
     */
    static long contentLength(ByteBuf in, int from, int to) {
        long found = -1;
        int lineStart = from;
        for (int i = from; i < to; i++) {
            if (in.getByte(i) != '\n') {
                continue;
            }
            int ls = lineStart;
            lineStart = i + 1;
            int nameEnd = ls;
            while (nameEnd < i && in.getByte(nameEnd) != ':' && in.getByte(nameEnd) != ' '
                    && in.getByte(nameEnd) != '\t') {
                nameEnd++;
            }
            if (!isContentLengthName(in, ls, nameEnd)) {
                continue;
            }
            int p = nameEnd;
            while (p < i && (in.getByte(p) == ' ' || in.getByte(p) == '\t')) {
                p++;
            }
            if (p >= i || in.getByte(p) != ':') {
                continue;
            }
            p++;
            long v = 0;
            int digits = 0;
            int e = i;
            while (e > p && (in.getByte(e - 1) == '\r' || in.getByte(e - 1) == ' ' || in.getByte(e - 1) == '\t')) {
                e--;
            }
            while (p < e && (in.getByte(p) == ' ' || in.getByte(p) == '\t')) {
                p++;
            }
            for (; p < e; p++) {
                byte b = in.getByte(p);
                if (b < '0' || b > '9' || ++digits > 10) {
                    return -2;
                }
                v = v * 10 + (b - '0');
            }
            if (digits == 0 || (found >= 0 && found != v)) {
                return -2;
            }
            found = v;
        }
        return found;
    }

    private static boolean isContentLengthName(ByteBuf in, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return (in.getByte(from) | 0x20) == 'l';
        }
        if (n != 14) {
            return false;
        }
        String name = "content-length";
        for (int i = 0; i < 14; i++) {
            int c = in.getByte(from + i);
            if (c >= 'A' && c <= 'Z') {
                c |= 0x20;
            }
            if (c != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
