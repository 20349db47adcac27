package org.imscore.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Header fields and body shared by requests and responses; the methods are the public {@link SipMessage} ones.
 * The field list is random-access and every read of a message walks it, so the loops go by index (no iterator per
 * read).
 */
abstract class MessageParts {

    private static final byte[] NO_BODY = new byte[0];

    final List<HeaderField> fields;
    final byte[] body;

    MessageParts(List<HeaderField> fields, byte[] body) {
        this.fields = fields;
        this.body = body == null ? NO_BODY : body;
    }

    public List<HeaderField> headerFields() {
        return fields;
    }

    public List<HeaderField> headerFields(String name) {
        String canonical = HeaderNames.canonical(name);
        List<HeaderField> out = new ArrayList<>(2);
        for (int i = 0, n = fields.size(); i < n; i++) {
            HeaderField f = fields.get(i);
            if (f.name().equalsIgnoreCase(canonical)) {
                out.add(f);
            }
        }
        return out;
    }

    HeaderField first(String canonical) {
        boolean known = HeaderNames.isKnownInstance(canonical);
        for (int i = 0, n = fields.size(); i < n; i++) {
            HeaderField f = fields.get(i);
            if (sameName(f.name(), canonical, known)) {
                return f;
            }
        }
        return null;
    }

    /** Known names are shared constants, so identity answers; other names compare case-insensitively. */
    private static boolean sameName(String fieldName, String canonical, boolean known) {
        return fieldName == canonical || (!known && fieldName.equalsIgnoreCase(canonical));
    }

    public Optional<String> headerValue(String name) {
        HeaderField f = first(HeaderNames.canonical(name));
        return f == null ? Optional.empty() : Optional.of(f.value());
    }

    public boolean hasHeader(String name) {
        return first(HeaderNames.canonical(name)) != null;
    }

    public <T> Optional<T> header(HeaderType<T> type) {
        HeaderField f = first(type.name());
        return f == null ? Optional.empty() : Optional.of(f.as(type));
    }

    // SipMessage's reads of the headers every message has.

    public String callId() {
        return required(HeaderType.CALL_ID);
    }

    public CSeq cseq() {
        return required(HeaderType.CSEQ);
    }

    public NameAddress from() {
        return required(HeaderType.FROM);
    }

    public NameAddress to() {
        return required(HeaderType.TO);
    }

    public Via topVia() {
        return required(HeaderType.VIA);
    }

    public Optional<Via> secondVia() {
        boolean topSeen = false;
        for (int i = 0, n = fields.size(); i < n; i++) {
            HeaderField f = fields.get(i);
            if (f.name() == HeaderNames.VIA) {
                List<Via> values = f.asList(HeaderType.VIA);
                if (topSeen) {
                    return Optional.of(values.get(0));
                }
                if (values.size() > 1) {
                    return Optional.of(values.get(1));
                }
                topSeen = true;
            }
        }
        return Optional.empty();
    }

    /** As {@link #header(HeaderType)}, the value itself, or MalformedHeaderException when the header is missing. */
    private <T> T required(HeaderType<T> type) {
        HeaderField f = first(type.name());
        if (f == null) {
            throw new MalformedHeaderException(type.name(), "missing");
        }
        return f.as(type);
    }

    /**
     * Every value of this type, in order. With one field the field's own (immutable, cached) list answers; with
     * several (a request that crossed proxies has a Via field per hop) a new list is read-only wrapped, not copied.
     */
    public <T> List<T> headers(HeaderType<T> type) {
        List<T> out = null;
        String name = type.name();
        boolean known = HeaderNames.isKnownInstance(name);
        for (int i = 0, n = fields.size(); i < n; i++) {
            HeaderField f = fields.get(i);
            if (sameName(f.name(), name, known)) {
                List<T> values = f.asList(type);
                if (out == null) {
                    out = values;
                } else {
                    if (!(out instanceof ArrayList)) {
                        List<T> all = new ArrayList<>(out.size() + values.size() + 2); // room for a few more hops
                        all.addAll(out);
                        out = all;
                    }
                    out.addAll(values);
                }
            }
        }
        if (out == null) {
            return List.of();
        }
        return out instanceof ArrayList ? Collections.unmodifiableList(out) : out;
    }

    public byte[] body() {
        return body.clone();
    }

    byte[] bodyUnsafe() {
        return body;
    }

    public java.nio.ByteBuffer bodyBuffer() {
        return java.nio.ByteBuffer.wrap(body).asReadOnlyBuffer();
    }

    public int bodyLength() {
        return body.length;
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    boolean samePartsAs(MessageParts o) {
        return fields.equals(o.fields) && Arrays.equals(body, o.body);
    }

    int partsHash() {
        return fields.hashCode() * 31 + Arrays.hashCode(body);
    }

    String describe(String startLine) {
        StringBuilder sb = new StringBuilder(startLine).append("\r\n");
        for (HeaderField f : fields) {
            f.appendTo(sb);
            sb.append("\r\n");
        }
        sb.append("\r\n");
        return sb.append(bodyAsString()).toString();
    }
}
