/**
 * The SIP transport layer (RFC 3261 §18): moves messages between sockets and the transaction layer.
 *
 * <p>The seam to the layers above is {@link org.imscore.sip.transport.SipTransport} (send a request to an
 * {@link org.imscore.sip.transport.Endpoint}, send a response along its top Via) and
 * {@link org.imscore.sip.transport.InboundHandler} (receives every well-formed message as an
 * {@link org.imscore.sip.transport.InboundMessage}). {@link org.imscore.sip.transport.NettySipTransport} implements
 * it on Netty (native epoll when available, else NIO), configured by a
 * {@link org.imscore.sip.transport.TransportConfig}:
 *
 * <pre>{@code
 * NettySipTransport transport = new NettySipTransport(TransportConfig.builder()
 *         .listen("127.0.0.1", 0)                        // UDP and TCP, one ephemeral port for both
 *         .listen("10.0.0.1", 5060, Transport.UDP)       // more listening points, any mix
 *         .maxMessageSize(65_535).idleTimeout(Duration.ofMinutes(10))
 *         .build());
 * transport.start(transactionLayer::onMessage);          // returns when bound
 * transport.listeningPoint(Transport.UDP).port();         // the bound port (for Via sent-by)
 * transport.stats();                                      // received, sent, malformed dropped, 400 answered ...
 * transport.close();                                      // returns when closed
 * }</pre>
 *
 * <h2>Receiving</h2>
 * <ul>
 *   <li>UDP: one datagram is one message (§18.3); datagrams of only CR/LF are keep-alives and ignored.</li>
 *   <li>TCP: the stream is framed by Content-Length ({@link org.imscore.sip.codec.SipStreamFramer}). A CRLFCRLF
 *       ping is answered with a CRLF pong (RFC 5626 §3.5.1). A message over
 *       {@link org.imscore.sip.transport.TransportConfig#maxMessageSize()} is answered with 513 Message Too Large
 *       (if its Via can be read) and the connection is closed; so is a stream whose Content-Length cannot be read
 *       (answered 400). A connection idle for {@code idleTimeout} is closed. Accepted connections are kept by
 *       their remote address for reuse.</li>
 *   <li>A request that does not parse is answered statelessly with 400 (505 for a bad version) whose reason
 *       phrase names the bad element ("Bad CSeq header", "Missing Call-ID header"), with the Via, From, To,
 *       Call-ID and CSeq that could be read; without a usable Via (and for ACK) it is dropped. A response that
 *       does not parse is dropped. None of these reach the handler; all are logged at DEBUG and counted.</li>
 *   <li>A request's top Via is stamped before the handler sees it: {@code received} when the sent-by host is
 *       not the source IP (§18.2.1) or the sender wrote a {@code received} itself; {@code rport} (and
 *       {@code received}) filled in when {@code rport} is there without a value (RFC 3581 §4). Responses are
 *       handed over as they came (the transaction layer matches them by branch; the §18.1.2 sent-by check is
 *       left to it, since only it knows every name it puts into a sent-by).</li>
 *   <li>The handler runs on a Netty event-loop thread and must not block; anything it throws is logged and does
 *       not close the socket.</li>
 * </ul>
 *
 * <h2>Sending</h2>
 * <ul>
 *   <li>Requests go to the given endpoint: over UDP from the listening point whose port is the top Via's sent-by
 *       port (else the first UDP one); over TCP on an open connection to that address (one we opened or one the
 *       peer opened to us), else a new one. A UDP request too large for its path (RFC 3261 §18.1.1: over 1300
 *       bytes where the path MTU is unknown, within 200 bytes of it where it is known, as it is to a loopback
 *       address, see {@link org.imscore.sip.transport.TransportConfig.PathMtu}) is sent
 *       over TCP with its top Via rewritten to our TCP listening point, unless
 *       {@link org.imscore.sip.transport.TransportConfig.LargeUdpRequests#SEND_OVER_UDP} is configured or we do
 *       not listen on TCP.</li>
 *   <li>Responses follow §18.2.2 and RFC 3581 §4: over TCP on the connection the request came in on while it is
 *       open, else to {@code received} (or the sent-by host) at {@code rport} (or the sent-by port, or 5060);
 *       over UDP from the socket the request came in on, to {@code maddr} if present, else {@code received}
 *       (or sent-by host) at {@code rport} (or sent-by port, or 5060).</li>
 *   <li>Both complete with a {@link org.imscore.sip.transport.TransportException} when the message cannot be
 *       sent (connection refused, too large for a datagram, no listening point, an unsupported Via transport);
 *       the exception itself is the failure, not a CompletionException around it. The futures complete on an
 *       event-loop thread (or the caller's), so what is chained on them must not block.</li>
 * </ul>
 *
 * <p>Every message sent or received is logged at DEBUG with its full text (loggers
 * {@code org.imscore.sip.transport.*}).
 */
package org.imscore.sip.transport;
