/**
 * The SIP message model (RFC 3261 §7): immutable requests and responses, typed header values, builders.
 *
 * <h2>Parse</h2>
 * Bytes become messages in {@link org.imscore.sip.codec.SipParser}; failures are recorded, never thrown:
 * <pre>{@code
 * SipParseResult r = SipParser.parse(datagramBytes);          // or parse(ByteBuf), parse(bytes, off, len)
 * if (!r.isSuccess()) {
 *     r.errorResponse().ifPresentOrElse(transport::send,         // "400 Bad CSeq header", Via/From/To/... copied
 *                                       () -> log.debug("dropped: {}", r.error()));   // response, or no usable Via
 *     return;
 * }
 * SipMessage m = r.message();
 * if (m instanceof SipRequest req) { ... } else if (m instanceof SipResponse resp) { ... }
 * }</pre>
 * On TCP, {@link org.imscore.sip.codec.SipStreamFramer} cuts frames by Content-Length first.
 * Start line, Via, From, To, Call-ID, CSeq, Max-Forwards and Content-Length are validated by the parser; all
 * other headers are parsed on first read.
 *
 * <h2>Read typed headers</h2>
 * {@link org.imscore.sip.message.HeaderType} constants are the keys; values are records, parsed once and cached:
 * <pre>{@code
 * Via top = m.topVia();                                   // m.header(HeaderType.VIA).orElseThrow()
 * List<Via> all = m.vias();                               // every Via value, comma lists split
 * CSeq cseq = m.cseq();   String callId = m.callId();   NameAddress from = m.from();   from.tag()
 * List<Contact> contacts = m.headers(HeaderType.CONTACT);  // contact.expires(), q(), instance(), regId()
 * Optional<DigestCredentials> auth = m.header(HeaderType.AUTHORIZATION);    // username(), nonce(), auts()...
 * List<SecurityMechanism> sc = m.headers(HeaderType.SECURITY_CLIENT);      // spiC(), portS(), alg(), ealg()
 * Optional<String> raw = m.headerValue("P-Access-Network-Info");             // any header as text
 * }</pre>
 * Reading a bad optional header throws {@link org.imscore.sip.message.MalformedHeaderException}, whose
 * {@code reasonPhrase()} ("Bad Contact header") is the 400 to answer with. Define further types with
 * {@code HeaderType.single(name, parser)} / {@code HeaderType.list(name, parser)}.
 *
 * <h2>Build and modify</h2>
 * <pre>{@code
 * SipRequest req = SipRequest.builder("OPTIONS", SipUri.parse("sip:bob@example.com"))
 *         .add(HeaderType.VIA, Via.of("UDP", "192.0.2.1", 5060, "z9hG4bK" + id))
 *         .add("Max-Forwards", "70").add("From", "<sip:alice@example.com>;tag=1").add("To", "<sip:bob@example.com>")
 *         .add("Call-ID", "abc@192.0.2.1").add("CSeq", "1 OPTIONS")
 *         .build();                                          // Content-Length: 0 added
 * SipResponse ok = SipResponse.forRequest(req, 200).toTag("xyz").build();    // RFC 3261 §8.2.6
 * SipRequest fwd = req.toBuilder()
 *         .prepend(HeaderType.VIA, myVia)                    // new top Via (before the first Via field)
 *         .set("Max-Forwards", Integer.toString(req.maxForwards().orElse(70) - 1))
 *         .removeFirstValue("Route")                         // pop one value, even from "Route: <a>, <b>"
 *         .body("application/sdp", sdpBytes)                 // Content-Type set, Content-Length fixed on build
 *         .build();
 * }</pre>
 * Untouched fields keep their received text; new and replaced fields are written "Name: value" from the
 * records' {@code toString()} wire forms.
 *
 * <h2>Serialize</h2>
 * {@link org.imscore.sip.codec.SipSerializer#serialize} (byte[]) or {@code write(message, ByteBuf)}. A parsed
 * message comes out byte for byte as received (see the serializer's class comment for the exact rules).
 *
 * <p>URIs live in {@code org.imscore.sip.uri} ({@code Uri.parse}, {@code SipUri}, {@code TelUri},
 * {@code equivalent}); digest and AKA computations in {@code org.imscore.sip.auth}.
 */
package org.imscore.sip.message;
