package org.imscore.sip.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.imscore.sip.message.HeaderField;

/**
 * One growing byte array that text is encoded into as UTF-8 (RFC 3261 §7.3.1: SIP text is UTF-8).
 *
 * <p>Header texts are the strings received off the wire or built from ASCII grammar, so they are nearly always
 * ASCII: those are copied a char per octet. From a text's first non-ASCII char on, the JDK's UTF-8 encoder writes
 * it, so the octets are exactly those of {@code String.getBytes(UTF_8)} (an unpaired surrogate becomes '?'). Pieces
 * never split a surrogate pair: they are whole strings or received field texts, which start and end at ASCII
 * delimiters.
 */
final class WireBytes implements HeaderField.TextSink {

    private byte[] buf;
    private int length;

    /** @param estimate the expected size; exact when all text is ASCII, so the array is then never copied */
    WireBytes(int estimate) {
        buf = new byte[estimate];
    }

    void write(String text) {
        write(text, 0, text.length());
    }

    @Override
    public void write(String text, int from, int to) {
        ensure(to - from);
        byte[] b = buf;
        int n = length;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                length = n;
                writeUtf8(text, i, to);
                return;
            }
            b[n++] = (byte) c;
        }
        length = n;
    }

    /**
     * A bulk copy, for received header texts (the bulk of a message), which come with the parser's word that they
     * are ASCII: looking at each char as {@link #write} does made serializing a parsed message about twice as slow.
     */
    @Override
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) copies each char's low 8 bits: for ASCII, its octet
    public void writeAscii(String text, int from, int to) {
        ensure(to - from);
        text.getBytes(from, to, buf, length);
        length += to - from;
    }

    void crlf() {
        ensure(2);
        buf[length++] = '\r';
        buf[length++] = '\n';
    }

    /** Writes the remaining octets of {@code bytes} without moving its position. */
    void write(ByteBuffer bytes) {
        int n = bytes.remaining();
        ensure(n);
        bytes.get(bytes.position(), buf, length, n);
        length += n;
    }

    /** The octets written: the array itself when the estimate was exact. */
    byte[] toByteArray() {
        return length == buf.length ? buf : Arrays.copyOf(buf, length);
    }

    private void writeUtf8(String text, int from, int to) {
        byte[] utf8 = text.substring(from, to).getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buf, length, utf8.length);
        length += utf8.length;
    }

    private void ensure(int more) {
        if (more > buf.length - length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
        }
    }
}
