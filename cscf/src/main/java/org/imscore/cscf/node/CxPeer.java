package org.imscore.cscf.node;

import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.imscore.cscf.cx.CxClient;
import org.imscore.cscf.cx.CxClientConfig;
import org.imscore.cscf.cx.DiameterCxClient;
import org.imscore.diameter.codec.ResultCode;
import org.imscore.diameter.dictionary.Dictionaries;
import org.imscore.diameter.peer.DiameterNode;
import org.imscore.diameter.peer.NodeConfig;
import org.imscore.diameter.peer.RemotePeer;
import org.imscore.diameter.peer.RequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CSCF's Cx side: its own {@link DiameterNode} connected to the HSS over TCP (reconnecting on its own), and the
 * {@link CxClient} over it. Requests from the HSS (RTR, PPR) go to the handler set with {@link #onRequest}; until
 * one is set they are answered DIAMETER_UNABLE_TO_COMPLY.
 */
public final class CxPeer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CxPeer.class);

    /**
     * @param originHost  this CSCF's Diameter identity, e.g. {@code scscf.ims.mnc001.mcc001.3gppnetwork.org}
     * @param realm       its realm, also the HSS's (one home network)
     * @param ip          the Host-IP-Address of CER
     * @param hssHost     the HSS's Origin-Host
     * @param hss         where the HSS listens
     * @param waitForHss  how long {@link #connect} waits for the first capabilities exchange; zero does not wait
     *                    (a CSCF started before its HSS answers Cx-dependent requests with 5xx until it is up)
     */
    public record Settings(String originHost, String realm, InetAddress ip, String hssHost, InetSocketAddress hss,
                           Duration waitForHss) {
    }

    private final DiameterNode node;
    private final DiameterCxClient client;
    private volatile RequestHandler handler;

    private CxPeer(Settings settings, EventLoopGroup loops) {
        NodeConfig config = NodeConfig.cx(settings.originHost(), settings.realm(), settings.ip());
        RequestHandler fromHss = (request, from) -> {
            RequestHandler h = handler;
            return h != null ? h.handle(request, from) : CompletableFuture.completedFuture(
                    node().answer(request, ResultCode.UNABLE_TO_COMPLY).build());
        };
        this.node = loops == null ? new DiameterNode(config, Dictionaries.cx(), fromHss)
                : new DiameterNode(config, Dictionaries.cx(), fromHss, loops, Clock.systemUTC(),
                        RandomGenerator.getDefault());
        this.client = new DiameterCxClient(new CxClientConfig(settings.originHost(), settings.realm(),
                settings.realm(), Optional.of(settings.hssHost())), node::send, System.currentTimeMillis() / 1000);
    }

    /** Starts connecting to the HSS; waits at most {@link Settings#waitForHss()} for the connection. */
    public static CxPeer connect(Settings settings) {
        return connect(settings, null);
    }

    /**
     * As {@link #connect(Settings)}, on event loops the caller owns and shuts down (null: a loop of its own), e.g.
     * the ones the process's SIP transports run on, so that a Cx answer and the SIP message it lets go out are
     * handled without a hand-off between threads when they share a loop.
     */
    public static CxPeer connect(Settings settings, EventLoopGroup loops) {
        CxPeer peer = new CxPeer(settings, loops);
        CompletableFuture<?> up = peer.node.connect(new RemotePeer(settings.hssHost(), settings.realm(),
                settings.hss()));
        if (!settings.waitForHss().isZero()) {
            try {
                up.get(settings.waitForHss().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                log.warn("{}: no Cx connection to {} at {} yet ({}); retrying in the background",
                        settings.originHost(), settings.hssHost(), settings.hss(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return peer;
    }

    public CxClient client() {
        return client;
    }

    public DiameterNode node() {
        return node;
    }

    /** Where requests from the HSS go (the S-CSCF's RTR). */
    public void onRequest(RequestHandler newHandler) {
        this.handler = newHandler;
    }

    @Override
    public void close() {
        node.close();
    }
}
