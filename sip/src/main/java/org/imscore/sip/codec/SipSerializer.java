package org.imscore.sip.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.imscore.sip.message.HeaderField;
import org.imscore.sip.message.SipMessage;

/**
 * Writes a message to wire bytes: start line, each header field, an empty line, the body (UTF-8, CRLF line ends).
 *
 * <p>Canonical rules: fields are written in the message's order, never reordered or merged. A field that came
 * from the parser is written exactly as received (its name spelling, compact form, spacing and line folding
 * kept); a field added or replaced through a builder is written as "{@code Name: value}" with the canonical
 * name. A parsed request's Request-URI and a parsed response's Status-Line are written as received. So a parsed
 * message is written back byte for byte, except that leading CRLFs and octets after the body are dropped and a
 * bare LF ending a line becomes CRLF.
 */
public final class SipSerializer {

    private SipSerializer() {
    }

    public static byte[] serialize(SipMessage message) {
        byte[] head = head(message).getBytes(StandardCharsets.UTF_8);
        int bodyLength = message.bodyLength();
        if (bodyLength == 0) {
            return head;
        }
        byte[] out = new byte[head.length + bodyLength];
        System.arraycopy(head, 0, out, 0, head.length);
        message.bodyBuffer().get(out, head.length, bodyLength);
        return out;
    }

    /** Appends the message to {@code out}. */
    public static void write(SipMessage message, ByteBuf out) {
        out.writeCharSequence(head(message), StandardCharsets.UTF_8);
        out.writeBytes(message.bodyBuffer());
    }

    /** Start line, header fields and the empty line, as text. */
    public static String head(SipMessage message) {
        String startLine = message.startLine();
        int size = startLine.length() + 4;
        for (HeaderField f : message.headerFields()) {
            size += f.rawLength() + 2;
        }
        StringBuilder sb = new StringBuilder(size);
        sb.append(startLine).append("\r\n");
        for (HeaderField f : message.headerFields()) {
            f.appendTo(sb);
            sb.append("\r\n");
        }
        return sb.append("\r\n").toString();
    }
}
