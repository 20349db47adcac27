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
 * ScscfServer.serve(s, registrar, notifier, cx, Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>The S-CSCF sends reg-event NOTIFYs in client transactions and answers the HSS's RTR with RTA; the P-CSCF
 * subscribes to the reg event of each UE it registers, so a network-initiated de-registration reaches it.
 * {@link org.imscore.cscf.node.HostTable} resolves the names the core gives its functions (the Server-Name the
 * HSS hands out) without DNS. Session routing (INVITE) and terminating routing at the I-CSCF (LIR) are not served
 * yet; those requests are answered 501.
 */
package org.imscore.cscf.node;
