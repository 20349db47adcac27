/**
 * The SIP transaction layer (RFC 3261 §17, with RFC 6026's Accepted states and Timers L and M).
 *
 * <h2>Wiring</h2>
 * <pre>{@code
 * TimerService timers = new WheelTimerService();                 // ManualTimerService in tests
 * TransactionLayer layer = new TransactionLayer(transport, timers, TransactionConfig.PROXY, tu);
 * // the transport delivers every inbound message to layer.onMessage(...) (TransactionLayer is an InboundHandler)
 * }</pre>
 *
 * <h2>Server side: {@link org.imscore.sip.transaction.TransactionUser}</h2>
 * <ul>
 *   <li>{@code onRequest(ServerTransaction)}: a new request (not ACK/CANCEL); retransmissions are absorbed and the
 *       last response is re-sent by the transaction. Answer with {@code ServerTransaction.sendResponse(response)}
 *       (from any thread, at any time; returns false if the transaction can no longer send it). An INVITE server
 *       transaction sends 100 Trying itself when {@code TransactionConfig.sendTrying()}: at once, or after
 *       {@code TransactionConfig.tryingDelay()} if the TU has not answered by then.</li>
 *   <li>{@code onCancel(ServerTransaction cancel, Optional<ServerTransaction> invite)}: a CANCEL in its own
 *       transaction, with the INVITE server transaction it refers to (§9.2). The TU answers the CANCEL (200/481)
 *       and, for a UAS, the INVITE with 487.</li>
 *   <li>{@code onAck(SipRequest, InboundMessage)}: an ACK for a 2xx, or a stray ACK (ACKs for non-2xx responses are
 *       absorbed by their INVITE server transaction).</li>
 *   <li>{@code onStrayResponse(SipResponse, InboundMessage)}: a response matching no client transaction (a proxy
 *       forwards a stray 2xx to INVITE with {@code layer.sendStatelessResponse}).</li>
 *   <li>{@code onServerTransactionError(ServerTransaction, TransactionError)}: Timer H (no ACK) or transport error;
 *       {@code onTerminated(ServerTransaction)}: the TU's part is over (see Completion).</li>
 * </ul>
 *
 * <h2>Client side</h2>
 * <ul>
 *   <li>{@code ClientTransaction layer.sendRequest(SipRequest, Endpoint nextHop, ClientTransactionListener)}: the
 *       request carries our Via on top with a new branch ({@code layer.newVia(Transport)} or
 *       {@link org.imscore.sip.transaction.Branches#newBranch()}).</li>
 *   <li>{@link org.imscore.sip.transaction.ClientTransactionListener}: {@code onResponse} (every 1xx, the final
 *       response, and for INVITE every 2xx including retransmissions and other forks' 2xx), {@code onTimeout} (Timer
 *       B/F, with a synthetic 408), {@code onTransportError} (with a synthetic 503), {@code onTimerC} (proxy Timer C
 *       after a provisional: send a CANCEL), {@code onTerminated} (see Completion).</li>
 *   <li>The ACK for a 300-699 response to INVITE is sent by the transaction
 *       ({@link org.imscore.sip.transaction.TransactionRequests#ackForNon2xx}); the ACK for a 2xx is the TU's, sent
 *       with {@code layer.sendStateless(ack, nextHop)}. A CANCEL goes with
 *       {@code layer.cancel(inviteTransaction, cancelListener)}, which waits for a provisional response first (§9.1),
 *       or by hand as {@code clientTransaction.createCancel()} sent with {@code layer.sendRequest} to the same
 *       destination.</li>
 * </ul>
 *
 * <h2>Timers</h2>
 * {@link org.imscore.sip.transaction.SipTimers} (T1, T2, T4, Timer C; derives A-M) inside
 * {@link org.imscore.sip.transaction.TransactionConfig}; scheduled through
 * {@link org.imscore.sip.transaction.TimerService}: {@link org.imscore.sip.transaction.WheelTimerService} (Netty
 * hashed wheel) in production, {@link org.imscore.sip.transaction.ManualTimerService} (simulated clock, moved by
 * {@code advance(Duration)}) in tests.
 *
 * <h2>Completion</h2>
 * Once a transaction only waits out an RFC timer for retransmissions (non-INVITE server Completed, Timer J; INVITE
 * server Confirmed, Timer I, or Accepted, Timer L; non-INVITE client Completed, Timer K; INVITE client Completed,
 * Timer D), the layer swaps it for a compact record: the key (and the RFC 2543 matching fields when they apply), the
 * last response in wire form with the Via it goes back along (server), the ACK in wire form and its next hop (INVITE
 * client), and one timer. A retransmitted request is answered with the same octets, a retransmitted non-2xx with the
 * same ACK. The request, the response objects, the listener and whatever the TU hung on them are no longer
 * referenced by the layer, so a server under load holds tens of thousands of these waits for about 700 octets each
 * instead of the parsed messages. The TU hears {@code onTerminated} at that moment: its part is over (no further
 * response is taken, except a 2xx to INVITE in Accepted, which still goes out through the transaction the TU holds,
 * RFC 6026 §7.1). The transaction object the TU holds keeps its request and last response for as long as the TU
 * keeps it, and reports the record's state until Terminated. Lookups ({@code findServerTransaction}, the INVITE of
 * {@code onCancel}) find the record, a {@code ServerTransaction} whose {@code request()} is no longer available; a
 * completed client transaction is no longer found. One wait keeps the transaction: an INVITE server transaction in
 * Completed until the ACK (the TU must hear of Timer H, §17.2.1). An INVITE client transaction in Accepted (Timer M)
 * is swapped for a record that keeps its listener, since every further 2xx goes to the listener (RFC 6026 §7.2) with
 * the record as its {@code ClientTransaction}, and the octets the INVITE was sent in, from which the record's
 * {@code request()} parses an equal request on each call; not the request object, the 2xx, the machine or its timers.
 * Its TU hears {@code onTerminated} when Timer M ends it. A TU that lets go of a server transaction in Accepted and
 * may still have a 2xx to send through it (a proxy, for a late 2xx from downstream) keeps
 * {@code findAcceptedTransaction(transaction)}, the record, instead. Over reliable transports Timers D, I, J and K are
 * zero and the transaction simply terminates.
 *
 * <p>Each live transaction runs its timers on one scheduled timeout, at the earliest deadline
 * ({@code TimerSet}); each record on one.
 *
 * <h2>Matching</h2>
 * Server transactions by top Via branch + sent-by + method, ACK counting as INVITE; requests without the magic
 * cookie by the RFC 2543 rules of §17.2.3. Client transactions by branch + CSeq method (§17.1.3).
 * {@link org.imscore.sip.transaction.TransactionKey} is the key.
 *
 * <h2>Threading</h2>
 * Each transaction processes one input at a time under its own lock and runs the resulting effects (sends, TU
 * callbacks) after releasing it, in order, one thread at a time; callbacks never run under a lock and must not
 * block. All public methods may be called from any thread.
 */
package org.imscore.sip.transaction;
