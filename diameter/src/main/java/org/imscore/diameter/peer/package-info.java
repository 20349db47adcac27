/**
 * Diameter peers over TCP (RFC 6733 sections 2, 5, 6; RFC 3539 watchdog).
 *
 * <ul>
 *   <li>{@link org.imscore.diameter.peer.DiameterNode}{@code (NodeConfig, Dictionary, RequestHandler)}:
 *       {@code listen(InetSocketAddress)} accepts peers (completes with the bound address, port 0 picks
 *       one); {@code connect(RemotePeer)} keeps a client connection up with reconnect back-off and
 *       completes on the first successful CER/CEA; {@code send(request)} routes by Destination-Host,
 *       then Destination-Realm plus application, sets Hop-by-Hop (and End-to-End when 0) and completes
 *       with the answer or a {@link org.imscore.diameter.peer.DiameterRequestException} (NO_ROUTE,
 *       TIMEOUT, PEER_CLOSED); {@code newSessionId()}; {@code peers()}, {@code peer(originHost)};
 *       {@code close()} sends DPR and stops.</li>
 *   <li>{@link org.imscore.diameter.peer.RequestHandler}: {@code CompletionStage<DiameterMessage>
 *       handle(request, PeerInfo from)}; only clean requests reach it, the node answers decode and
 *       grammar failures (Result-Code, Failed-AVP) and handler failures (5012) itself, and answers a
 *       duplicate (same Origin-Host and End-to-End id) from its cache.</li>
 *   <li>{@link org.imscore.diameter.peer.NodeConfig} (identity, Host-IP-Address, applications as
 *       Vendor-Specific-Application-Id; {@code NodeConfig.cx(host, realm, address)} for a Cx node) and
 *       {@link org.imscore.diameter.peer.PeerTimers} (Tw, jitter, request timeout, connect, CER/CEA wait,
 *       DPA wait, reconnect back-off, duplicate window).</li>
 *   <li>Capabilities exchange accepts the application in Auth-Application-Id, Acct-Application-Id or
 *       Vendor-Specific-Application-Id under any vendor (Kamailio's forms) and answers 5010 when nothing
 *       is common. The state machine lives in {@code PeerConnection} with the RFC table beside it.</li>
 * </ul>
 */
package org.imscore.diameter.peer;
