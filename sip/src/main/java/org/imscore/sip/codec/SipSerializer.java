package org.imscore.sip.codec;

import io.netty.buffer.ByteBuf;
import java.util.List;
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

    /**
     * The message's octets, encoded straight into one array sized from the text lengths: exact, and never copied,
     * when all text is ASCII (received texts nearly always are); a non-ASCII char is written as UTF-8.
     */
    public static byte[] serialize(SipMessage message) {
        String startLine = message.startLine();
        List<HeaderField> fields = message.headerFields();
        int size = startLine.length() + 4 + message.bodyLength();
        int n = fields.size();
        // Index loops: every message sent goes through here, and an iterator per loop is garbage per message.
        for (int i = 0; i < n; i++) {
            size += fields.get(i).rawLength() + 2;
        }
        WireBytes out = new WireBytes(size);
        out.write(startLine);
        out.crlf();
        for (int i = 0; i < n; i++) {
            fields.get(i).writeTo(out);
            out.crlf();
        }
        out.crlf();
        out.write(message.bodyBuffer());
        return out.toByteArray();
    }

    /** Appends the message to {@code out}. */
    public static void write(SipMessage message, ByteBuf out) {
        out.writeBytes(serialize(message));
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
