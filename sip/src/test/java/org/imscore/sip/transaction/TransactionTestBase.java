package org.imscore.sip.transaction;

import java.time.Duration;
import org.imscore.sip.message.CSeq;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.uri.SipUri;

/** A layer on a fake transport and a simulated clock, with a recording TU. */
abstract class TransactionTestBase {

    final ManualTimerService clock = new ManualTimerService();
    final FakeTransport transport = new FakeTransport(clock);
    final Recorders.User user = new Recorders.User();
    final Recorders.Listener listener = new Recorders.Listener();
    TransactionLayer layer = new TransactionLayer(transport, clock, TransactionConfig.DEFAULT, user);

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    /** A request we originate over {@code transport}, with our Via and a Route. */
    SipRequest outgoing(String method, Transport over) {
        return SipRequest.builder(method, SipUri.of("bob", "example.com"))
                .add("Via", layer.newVia(over).toString())
                .add("Route", "<sip:proxy.example.com;lr>")
                .add("Max-Forwards", "70")
                .add("From", "<sip:alice@example.net>;tag=ours")
                .add("To", "<sip:bob@example.com>")
                .add("Call-ID", "out-" + Branches.randomHex(4))
                .add("CSeq", new CSeq(7, method).toString())
                .add("Contact", "<sip:alice@127.0.0.1:5060>")
                .build();
    }
}
