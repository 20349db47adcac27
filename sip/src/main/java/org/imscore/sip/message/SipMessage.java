package org.imscore.sip.message;

import java.util.List;
import java.util.Optional;

/**
 * An immutable SIP message (RFC 3261 §7): a start line, header fields in received order, and a body.
 * Typed values are read through {@link HeaderType} keys and parsed on first read; changes go through
 * {@link #toBuilder()}.
 */
public sealed interface SipMessage permits SipRequest, SipResponse {

    String SIP_2_0 = "SIP/2.0";

    /** The start line without CRLF, e.g. "INVITE sip:bob@example.com SIP/2.0" or "SIP/2.0 200 OK". */
    String startLine();

    /** "SIP/2.0" as written. */
    String version();

    boolean isRequest();

    /** All header fields in order. */
    List<HeaderField> headerFields();

    /** The fields with this name (any spelling or compact form), in order. */
    List<HeaderField> headerFields(String name);

    /** The value of the first field with this name. */
    Optional<String> headerValue(String name);

    boolean hasHeader(String name);

    /**
     * The first typed value: for list types the first element of the first field (the top Via, the first Route).
     *
     * @throws MalformedHeaderException if that field does not parse
     */
    <T> Optional<T> header(HeaderType<T> type);

    /**
     * All typed values of every field of this type, in order (all Vias, all Contacts, ...).
     *
     * @throws MalformedHeaderException if any of the fields does not parse
     */
    <T> List<T> headers(HeaderType<T> type);

    /** The body (a copy). */
    byte[] body();

    int bodyLength();

    /** The body as a read-only buffer over the message's own octets (no copy). */
    java.nio.ByteBuffer bodyBuffer();

    /** The body decoded as UTF-8. */
    String bodyAsString();

    /** A builder holding this message's start line, fields (received text kept) and body. */
    SipMessageBuilder<?> toBuilder();

    // Convenience reads of the headers every message has (validated eagerly by the parser). Each throws
    // MalformedHeaderException when the header is missing; implemented without an Optional per read, as the
    // transaction layer and a proxy make several of them for every message.

    String callId();

    CSeq cseq();

    NameAddress from();

    NameAddress to();

    default List<Via> vias() {
        return headers(HeaderType.VIA);
    }

    Via topVia();

    /**
     * The Via value under the top one, where a proxy sends a response on (RFC 3261 §16.7 step 3), or empty when
     * there is none. Reads no Via field below it.
     *
     * @throws MalformedHeaderException if that value, or the field holding it, does not parse
     */
    Optional<Via> secondVia();

    default Optional<Integer> maxForwards() {
        return header(HeaderType.MAX_FORWARDS);
    }

    default Optional<MediaType> contentType() {
        return header(HeaderType.CONTENT_TYPE);
    }

    default List<Contact> contacts() {
        return headers(HeaderType.CONTACT);
    }

    default List<NameAddress> routes() {
        return headers(HeaderType.ROUTE);
    }

    default List<NameAddress> recordRoutes() {
        return headers(HeaderType.RECORD_ROUTE);
    }
}
