package org.imscore.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The mutable side of a message: header fields in order and a body. Fields copied from a parsed message keep
 * their received text; new or replaced fields are written as "{@code Name: value}".
 *
 * <p>Content-Length: a fresh builder, or one whose body was set, writes {@code Content-Length} equal to the
 * body length on {@code build()} (replacing the field in place, or appending it). A copy of a parsed message
 * whose body was not touched keeps its fields exactly.
 */
public abstract sealed class SipMessageBuilder<B extends SipMessageBuilder<B>>
        permits SipRequest.Builder, SipResponse.Builder {

    /**
     * The fields as they stand. {@code build()} hands this list to the message (read-only) rather than copying it:
     * a builder is nearly always built once. A change after that first copies it ({@link #writable}), so a message
     * built before never changes.
     */
    private ArrayList<HeaderField> fields;
    private boolean handedOver;
    byte[] body;
    private boolean bodyChanged;
    private final boolean fresh;

    SipMessageBuilder(List<HeaderField> fields, byte[] body, boolean fresh) {
        // Room for the fields a proxy or a registrar adds (Via and Record-Route; To tag, Contact, Service-Route and
        // Content-Length) without the list growing, which copied it once more per message built.
        this.fields = new ArrayList<>(fields.size() + 4);
        for (int i = 0, n = fields.size(); i < n; i++) {
            this.fields.add(fields.get(i)); // addAll would copy the source into an array of its own first
        }
        this.body = body;
        this.fresh = fresh;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The fields as they stand (read-only view). */
    public List<HeaderField> fields() {
        return Collections.unmodifiableList(fields);
    }

    /** The field list to change: the builder's own, copied first if a built message holds it. */
    final ArrayList<HeaderField> writable() {
        if (handedOver) {
            fields = new ArrayList<>(fields);
            handedOver = false;
        }
        return fields;
    }

    /** Appends a field. */
    public B add(String name, String value) {
        writable().add(HeaderField.of(name, value));
        return self();
    }

    public B add(HeaderField field) {
        writable().add(field);
        return self();
    }

    /** Appends a typed value, written in its wire form ({@code toString()} of the header records). */
    public <T> B add(HeaderType<T> type, T value) {
        return add(type.name(), String.valueOf(value));
    }

    /**
     * Inserts a field before the first field of the same name (a proxy's new Via or Record-Route goes on top,
     * RFC 3261 §16.6), or appends it when there is none.
     */
    public B prepend(String name, String value) {
        HeaderField f = HeaderField.of(name, value);
        int i = indexOf(f.name());
        if (i < 0) {
            writable().add(f);
        } else {
            writable().add(i, f);
        }
        return self();
    }

    public <T> B prepend(HeaderType<T> type, T value) {
        return prepend(type.name(), String.valueOf(value));
    }

    /** Replaces all fields of this name by one field at the position of the first (or appends). */
    public B set(String name, String value) {
        HeaderField f = HeaderField.of(name, value);
        int i = indexOf(f.name());
        ArrayList<HeaderField> fields = writable();
        if (i < 0) {
            fields.add(f);
            return self();
        }
        fields.set(i, f);
        for (int j = fields.size() - 1; j > i; j--) {
            if (fields.get(j).name().equalsIgnoreCase(f.name())) {
                fields.remove(j);
            }
        }
        return self();
    }

    public <T> B set(HeaderType<T> type, T value) {
        return set(type.name(), String.valueOf(value));
    }

    /** Removes every field of this name. */
    public B remove(String name) {
        String canonical = HeaderNames.canonical(name);
        writable().removeIf(f -> f.name().equalsIgnoreCase(canonical));
        return self();
    }

    /**
     * Removes the first value of a multi-value header: the whole first field if it holds one value, else the
     * first top-level comma-separated element ("Via: a, b" becomes "Via: b"). Used to pop the top Via of a
     * response or the first Route of a request (RFC 3261 §16.7, §16.12).
     */
    public B removeFirstValue(String name) {
        int i = indexOf(HeaderNames.canonical(name));
        if (i < 0) {
            return self();
        }
        HeaderField f = fields.get(i);
        if (f.isSingleValue()) {
            writable().remove(i); // the common case, a proxy's own Via on a response: decided without the value text
            return self();
        }
        String v = f.value();
        writable().set(i, HeaderField.of(f.name(), v.substring(HeaderScanner.firstTopLevelComma(v) + 1)));
        return self();
    }

    /** Sets the body; Content-Length follows on build. An empty array means no body. */
    public B body(byte[] newBody) {
        this.body = newBody == null ? new byte[0] : newBody.clone();
        this.bodyChanged = true;
        return self();
    }

    /** Sets the body and its Content-Type. */
    public B body(String contentType, byte[] newBody) {
        set(HeaderNames.CONTENT_TYPE, contentType);
        return body(newBody);
    }

    public B body(String contentType, String text) {
        return body(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    private int indexOf(String canonical) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equalsIgnoreCase(canonical)) {
                return i;
            }
        }
        return -1;
    }

    /** The fields to build with, Content-Length fixed up as the class comment says; handed over, not copied. */
    List<HeaderField> finalFields() {
        byte[] b = body == null ? new byte[0] : body;
        if (fresh || bodyChanged || indexOf(HeaderNames.CONTENT_LENGTH) < 0 && b.length > 0) {
            set(HeaderNames.CONTENT_LENGTH, Integer.toString(b.length));
        }
        handedOver = true;
        return Collections.unmodifiableList(fields);
    }

    /** The field at {@code i} as it stands. */
    final HeaderField field(int i) {
        return fields.get(i);
    }

    final int fieldCount() {
        return fields.size();
    }

    byte[] finalBody() {
        return body == null ? new byte[0] : body;
    }

    public abstract SipMessage build();
}
