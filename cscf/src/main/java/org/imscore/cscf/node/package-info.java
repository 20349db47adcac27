/**
 * The CSCFs on the network: each function is a {@link org.imscore.cscf.node.SipNode} (its own SIP transport,
 * transaction layer and timers on its own port) serving one role's logic, and, for the I-CSCF and S-CSCF, a
 * {@link org.imscore.cscf.node.CxPeer} (its own Diameter node connected to the HSS). Every hop between functions goes
 * over sockets, also when all run in one process.
 *
 * <pre>{@code
 * SipNode p = SipNode.bind("P-CSCF", TransportConfig.builder().listen("127.0.0.1", 5060).build(), hosts);
 * PcscfServer.serve(p, new PcscfRegistrar(pcscfConfig, bindings, clock, icids), bindings);
 * CxPeer cx = CxPeer.connect(new CxPeer.Settings("scscf." + realm, realm, ip, "hss." + realm, hss, wait));
 * ScscfServer.serve(s, registrar, notifier, new SessionRouter(sessionConfig, bindings, clock), cx,
 *         Duration.ofSeconds(5));
 * IcscfServer.serve(i, new IcscfRegistrar(icscfConfig, cx.client()), new TerminatingRouter(icscfConfig, cx.client()));
 * }</pre>
 *
 * <p>The S-CSCF sends reg-event NOTIFYs in client transactions and answers the HSS's RTR with RTA; the P-CSCF
 * subscribes to the reg event of each UE it registers, so a network-initiated de-registration reaches it.
 * {@link org.imscore.cscf.node.HostTable} resolves the names the core gives its functions (the Server-Name the
 * HSS hands out) without DNS.
 *
 * <p>Sessions (INVITE, MESSAGE, anything but REGISTER) follow the classic IMS path: UE -> P-CSCF (gate, asserted
 * identity, Service-Route, Record-Route) -> S-CSCF originating (Record-Route; home targets to the I-CSCF) -> I-CSCF
 * (LIR) -> S-CSCF terminating (Record-Route; a fork to every registered contact along its Path, in parallel or in
 * sequence by q-value, with a no-answer time) -> P-CSCF -> the UE's registered flow.
 * {@link org.imscore.cscf.node.SipNode#proxy} runs each hop statefully with the
 * {@link org.imscore.sip.proxy.ProxyTransaction} of the sip module: provisionals and every 2xx go upstream, the first
 * 2xx cancels the other branches, a CANCEL cancels them all; ACK for 2xx and stray 2xx pass statelessly.
 */
package org.imscore.cscf.node;
