/**
 * The SIP proxy (RFC 3261 §16): plain logic over immutable messages, and a transaction-stateful engine on top.
 *
 * <h2>Run a proxy</h2>
 * <pre>{@code
 * ProxyConfig config = ProxyConfig.of(TransportConfig.ephemeral("127.0.0.1"), Set.of("example.com"))
 *         .withRoutes(StaticRoutes.none()
 *                 .with("example.com", Endpoint.udp("127.0.0.1", 6060))            // every user of the domain
 *                 .with("bob@example.com", Endpoint.udp("127.0.0.1", 5070), Endpoint.tcp("127.0.0.1", 5080)))
 *         .withForking(ForkingMode.PARALLEL, Duration.ofSeconds(20))           // or SEQUENTIAL, per-branch time
 *         .withRecordRoute(true)
 *         .withSupportedExtensions(Set.of("path"))                             // Proxy-Require; Path on REGISTER
 *         .withTimers(SipTimers.DEFAULT);                                       // T1, T2, T4, Timer C
 * try (StatefulProxy proxy = StatefulProxy.start(config)) {                   // or start(config, myResolver)
 *     ListeningPoint udp = proxy.listeningPoint(Transport.UDP);
 * }
 * }</pre>
 * {@link org.imscore.sip.proxy.StatefulProxy} answers INVITE with 100 Trying, forwards every request in client
 * transactions, routes ACK for 2xx statelessly like an in-dialog request, passes stray 2xx to INVITE on, answers
 * an OPTIONS for itself (200, Allow, Supported) and logs one INFO line per transaction.
 *
 * <h2>Routing hooks</h2>
 * <ul>
 *   <li>{@link org.imscore.sip.proxy.TargetResolver}{@code .resolve(SipRequest)} returns a
 *       {@link org.imscore.sip.proxy.TargetDecision}: {@code Forward(List<Target>)} (sorted by q),
 *       {@code Reject(status, reason)}, {@code Answer(SipResponse)} (the resolver answers itself, e.g. a
 *       registrar) or {@code Pending(CompletionStage<TargetDecision>)} (decided later, e.g. after a Diameter
 *       answer; the request waits in its server transaction, a CANCEL meanwhile gets it a 487). It is asked only
 *       for requests to our domains (or our own address) with no {@code maddr} and no Route left; everything else
 *       goes to its Request-URI (§16.5). {@link org.imscore.sip.proxy.StaticRoutes} is the table implementation.
 *       Pass it to {@code StatefulProxy.start(config, resolver)}.</li>
 *   <li>{@link org.imscore.sip.proxy.ProxyHooks}: {@code beforeForward(received, copy, target)} and
 *       {@code beforeResponse(received, response)} change what passes through (identity headers, Service-Route,
 *       stripping keys); {@code StatefulProxy.start(config, resolver, hooks)}.</li>
 *   <li>{@link org.imscore.sip.proxy.Target}{@code (uri, q, Optional<Endpoint> destination)}: the branch's
 *       Request-URI, its preference, and optionally a fixed next hop (a registered flow, an outbound proxy).</li>
 *   <li>{@link org.imscore.sip.proxy.NextHopResolver}: URI to transport address (RFC 3263);
 *       {@link org.imscore.sip.proxy.NumericNextHops} handles numeric hosts, DNS comes later.</li>
 * </ul>
 *
 * <h2>The logic, for roles that drive it themselves</h2>
 * <ul>
 *   <li>{@link org.imscore.sip.proxy.ProxyCore}: {@code decide(request, receivedOn)} runs validation
 *       ({@link org.imscore.sip.proxy.RequestValidator}: 400, 416, 483, 482, 420), route preprocessing
 *       ({@link org.imscore.sip.proxy.RoutePreprocessor}: strict-route fix, our maddr, our Route values) and target
 *       determination into a {@link org.imscore.sip.proxy.RequestDecision} ({@code Respond}, {@code Local},
 *       {@code Forward}, {@code Pending}); {@code forward(received, routed, target, receivedOn)} makes one branch's copy
 *       ({@link org.imscore.sip.proxy.RequestForwarder}: Request-URI, Max-Forwards, Record-Route, Path, strict
 *       next hop, our Via with a loop-detecting branch) as a {@link org.imscore.sip.proxy.ForwardedRequest}
 *       ({@code request()}, {@code destination()}); {@code withoutOurVia(response)} is §16.7 step 3.</li>
 *   <li>{@link org.imscore.sip.proxy.ResponseContext}{@code (request, targets, forkingMode)}, or
 *       {@code ResponseContext.inTiers(request, tiers)} (each tier's targets at once, the tiers one after the other:
 *       sequential forking by q-value with equal values together): §16.7 as a state machine without I/O. Inputs
 *       {@code start()}, {@code onResponse(branch, response)}, {@code onTimeout}, {@code onTransportError},
 *       {@code onTimerC}, {@code onBranchTimeout}, {@code onNoAnswer(answer)}, {@code cancel()}; each returns
 *       {@link org.imscore.sip.proxy.ProxyAction}s ({@code StartBranch}, {@code CancelBranch},
 *       {@code ForwardResponse}) to carry out. {@code isComplete()}, {@code finalResponse()}.
 *       {@link org.imscore.sip.proxy.BestResponse} chooses the final answer (6xx, lowest class, 401/407
 *       aggregation, 487 last, 503 to 500, 408 when nothing came).</li>
 *   <li>{@link org.imscore.sip.proxy.ProxyTransaction}{@code (core, layer, server, context, forkTimers, outlet)}: runs
 *       one context on a transaction layer (client transaction per branch, CANCEL, Timer C, the
 *       {@link org.imscore.sip.proxy.ForkTimers} branch and no-answer times); {@code start()}, {@code cancel()}. The
 *       owner's {@code ProxyTransaction.Outlet} makes each branch's copy ({@code forward(target)}), sends responses
 *       upstream ({@code respond}) and hears {@code completed(context)}: {@code StatefulProxy} runs every request
 *       this way, and so can an engine of its own that makes a different copy per branch. Once completed, the
 *       transaction keeps nothing of the request, and the outlet should keep only what sends the 2xx responses that
 *       still come until Timer M ({@code TransactionLayer.findAcceptedTransaction}); they reach {@code respond}
 *       without the context.</li>
 *   <li>{@link org.imscore.sip.proxy.LoopDetection}: the branch format {@code z9hG4bK<loop-hash>.<unique>} and the
 *       loop test of §16.3 item 4.</li>
 * </ul>
 */
package org.imscore.sip.proxy;
