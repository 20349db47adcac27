/**
 * Diameter message model and codec (RFC 6733 sections 3 and 4), driven by a data dictionary.
 *
 * <h2>Model</h2>
 * <ul>
 *   <li>{@link org.imscore.diameter.codec.DiameterMessage}: immutable header (version, flags R/P/E/T,
 *       command code, application id, hop-by-hop and end-to-end ids) and the AVPs in wire order.
 *       Make one with {@code DiameterMessage.request(code, appId).proxiable(true).add(avp)...build()},
 *       answer with {@code DiameterMessage.answerTo(request)} (ids, command, application and P copied),
 *       change one with {@code toBuilder()}. Shortcuts: {@code sessionId()}, {@code originHost()},
 *       {@code originRealm()}, {@code destinationHost()}, {@code destinationRealm()}, {@code resultCode()},
 *       {@code experimentalResultCode()}; {@code describe(dictionary)} lists every AVP by name for logs.</li>
 *   <li>{@link org.imscore.diameter.codec.Avp}: code, flag octet, vendor id, payload. Create from a
 *       dictionary definition, which sets the V and M bits: {@code Avp.utf8(def, s)} (UTF8String,
 *       DiameterIdentity, DiameterURI), {@code octets}, {@code unsigned32}, {@code integer32},
 *       {@code enumerated}, {@code integer64}, {@code unsigned64}, {@code float32}, {@code float64},
 *       {@code address(def, InetAddress)}, {@code time(def, Instant)}, {@code grouped(def, members...)};
 *       or raw with {@code new Avp(code, flags, vendorId, bytes)}. Read with {@code utf8()},
 *       {@code unsigned32()}, {@code integer32()}, {@code integer64()}, {@code float32()},
 *       {@code float64()}, {@code address()}, {@code time()}, {@code data()}; each answers an empty
 *       Optional when the payload is not of that format, never throws.</li>
 *   <li>{@link org.imscore.diameter.codec.AvpContainer}: what a message and a grouped AVP share:
 *       {@code avps()}, {@code find(key)}, {@code findAll(key)}, {@code has(key)}, and typed lookups
 *       {@code utf8(key)}, {@code octets(key)}, {@code unsigned32(key)}, {@code integer32(key)},
 *       {@code integer64(key)}, {@code address(key)}, {@code time(key)} that answer empty when the AVP is
 *       absent. Keys are {@link org.imscore.diameter.dictionary.AvpDefinition}s (e.g.
 *       {@link org.imscore.diameter.codec.BaseAvps#ORIGIN_HOST}, {@code CxAvps.PUBLIC_IDENTITY}) or bare
 *       {@link org.imscore.diameter.dictionary.AvpCode}s.</li>
 *   <li>Base grouped AVPs: {@link org.imscore.diameter.codec.VendorSpecificApplicationId},
 *       {@link org.imscore.diameter.codec.ExperimentalResult}; base result codes in
 *       {@link org.imscore.diameter.codec.ResultCode}.</li>
 * </ul>
 *
 * <h2>Codec</h2>
 * {@link org.imscore.diameter.codec.DiameterCodec}{@code (dictionary)}: {@code decode(byte[])} /
 * {@code decode(ByteBuf)} give a {@link org.imscore.diameter.codec.DecodeResult} (the message, absent
 * only below 20 octets, and a list of {@link org.imscore.diameter.codec.DecodeFailure}s: Result-Code,
 * reason, Failed-AVP contents); nothing throws for any input. {@code encode(message)} gives the octets;
 * {@code encode(decode(b)) == b} byte for byte, unknown AVPs and applications included. Requests are
 * checked against the dictionary by {@link org.imscore.diameter.codec.MessageValidator} (3001, 3007,
 * 3008, 3009, 5001, 5004, 5005 with zero-filled Failed-AVP, 5008, 5009, 5014); header checks give 3008,
 * 5011, 5013, 5015. {@link org.imscore.diameter.codec.ErrorAnswers#answer} turns a failed request into
 * the answer to send (E bit for 3xxx).
 *
 * <h2>Example: an HSS answering a MAR</h2>
 * <pre>{@code
 * DiameterNode hss = new DiameterNode(NodeConfig.cx("hss.ims.example", "ims.example", address),
 *         Dictionaries.cx(), (request, from) -> switch (CxCommand.of(request).orElseThrow()) {
 *             case MAR -> {
 *                 MultimediaAuthRequest mar = MultimediaAuthRequest.from(request).orElseThrow();
 *                 yield CompletableFuture.completedFuture(new MultimediaAuthAnswer(CxResult.SUCCESS,
 *                         Optional.of(mar.userName()), Optional.of(mar.publicIdentity()), OptionalLong.of(1),
 *                         List.of(SipAuthDataItem.akaVector(1, Cx.SCHEME_AKAV1_MD5, randAutn, xres, ck, ik)))
 *                         .toMessage(request, "hss.ims.example", "ims.example"));
 *             }
 *             default -> ...;
 *         });
 * hss.listen(new InetSocketAddress("127.0.0.1", 3868)).join();
 * }</pre>
 * The request reaching the handler has passed the Cx grammar, so {@code from(request)} is present.
 *
 * <p>Dictionaries: {@code org.imscore.diameter.dictionary.Dictionaries.base()} and {@code .cx()};
 * typed Cx commands in {@code org.imscore.diameter.cx}; peers and routing in
 * {@code org.imscore.diameter.peer}.
 */
package org.imscore.diameter.codec;
