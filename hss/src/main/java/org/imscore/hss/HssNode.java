package org.imscore.hss;

import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.imscore.aka.AuthenticationCenter;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.dictionary.Dictionaries;
import org.imscore.diameter.peer.DiameterNode;
import org.imscore.diameter.peer.NodeConfig;
import org.imscore.diameter.peer.RequestHandler;
import org.imscore.hss.cx.CxHandler;
import org.imscore.hss.cx.CxPush;
import org.imscore.hss.cx.SessionIds;
import org.imscore.hss.provisioning.ProvisioningService;
import org.imscore.hss.store.HssStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running HSS: the subscriber store, the Cx server on Diameter, and the provisioning service
 * whose changes reach the serving S-CSCFs as RTR and PPR.
 *
 * <pre>{@code
 * try (HssNode hss = HssNode.start(HssConfig.defaults(dataDir).withDiameter(new InetSocketAddress("127.0.0.1", 0)))) {
 *   hss.provisioning().create(spec);
 *   int port = hss.diameterAddress().getPort();   // CSCFs connect here
 * }
 * }</pre>
 *
 * Cx requests that need the database run on a small worker pool, never on the network threads, because the
 * store blocks on JDBC; those the store's read cache answers are answered on the network thread that read them.
 * {@link #close()} stops taking requests, lets the running ones commit, then closes the store, so an SQN handed
 * out is never lost.
 */
public final class HssNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HssNode.class);
  private static final int WORKERS = 4;

  private final HssConfig config;
  private final HssStore store;
  private final ExecutorService workers;
  private final DiameterNode diameter;
  private final CxHandler cx;
  private final ProvisioningService provisioning;
  private final InetSocketAddress diameterAddress;

  private HssNode(
      HssConfig config,
      HssStore store,
      ExecutorService workers,
      DiameterNode diameter,
      CxHandler cx,
      ProvisioningService provisioning,
      InetSocketAddress diameterAddress) {
    this.config = config;
    this.store = store;
    this.workers = workers;
    this.diameter = diameter;
    this.cx = cx;
    this.provisioning = provisioning;
    this.diameterAddress = diameterAddress;
  }

  /**
   * Opens the store and starts the Cx server.
   *
   * @throws IllegalStateException when the Diameter address cannot be bound (the store is closed
   *     again)
   */
  public static HssNode start(HssConfig config) {
    return start(config, null);
  }

  /**
   * As {@link #start(HssConfig)}, the Cx server on event loops the caller owns and shuts down (null: a loop of its
   * own), e.g. those of the CSCFs in the same process.
   */
  public static HssNode start(HssConfig config, EventLoopGroup loops) {
    HssStore store = HssStore.open(config.store());
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS, r -> {
      Thread t = new Thread(r, "hss-cx");
      t.setDaemon(true);
      return t;
    });
    CxHandler cx = new CxHandler(store, config.cx(), new AuthenticationCenter());
    // CER's Host-IP-Address must be a real address: a wildcard listener advertises loopback.
    InetAddress ip = config.diameter().getAddress();
    if (ip == null || ip.isAnyLocalAddress()) {
      ip = InetAddress.getLoopbackAddress();
    }
    NodeConfig node = NodeConfig.cx(config.cx().originHost(), config.cx().originRealm(), ip);
    // On the Diameter event loop that read the request: an answer the read cache gives (UAR, LIR, a SAR that
    // changes nothing, a MAR whose SQNs the store reserved already) leaves at once, without the two thread
    // hand-offs to a worker and back; it reads only concurrent maps, so the loop never waits
    // (CxHandler.answerFromCache). Anything that needs the database runs on a worker, and its answer leaves once
    // the store's file holds what the request changed (group commit). The node's codec validated every request
    // against the Cx dictionary, and answered those that failed itself: the handler does not validate again.
    RequestHandler answers = (request, from) -> {
      Optional<DiameterMessage> cached = cx.answerFromCache(request);
      if (cached.isPresent()) {
        return CompletableFuture.completedFuture(cached.get());
      }
      return CompletableFuture.supplyAsync(() -> store.deferDurability(() -> cx.answerValidated(request)), workers)
          .thenCompose(answer -> answer);
    };
    DiameterNode diameter = loops == null
        ? new DiameterNode(node, Dictionaries.cx(), answers)
        : new DiameterNode(node, Dictionaries.cx(), answers, loops, Clock.systemUTC(), RandomGenerator.getDefault());
    CxPush push =
        new CxPush(config.cx(), new SessionIds(config.cx().originHost(), Clock.systemUTC()), diameter::send);
    ProvisioningService provisioning = new ProvisioningService(store, push);
    InetSocketAddress bound;
    try {
      bound = diameter.listen(config.diameter()).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      diameter.close();
      workers.shutdownNow();
      store.close();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException(
          "cannot listen for Diameter on " + config.diameter().getHostString() + ":" + config.diameter().getPort()
              + ": " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      diameter.close();
      workers.shutdownNow();
      store.close();
      throw new IllegalStateException("interrupted while starting the HSS", e);
    }
    log.info(
        "HSS {} (realm {}) serving Cx on {}:{}",
        config.cx().originHost(), config.cx().originRealm(), bound.getHostString(), bound.getPort());
    return new HssNode(config, store, workers, diameter, cx, provisioning, bound);
  }

  public HssConfig config() {
    return config;
  }

  public HssStore store() {
    return store;
  }

  public ProvisioningService provisioning() {
    return provisioning;
  }

  /** The Cx logic without the network, e.g. to answer a request in a test. */
  public CxHandler cx() {
    return cx;
  }

  /** The Diameter node, e.g. to see which peers are connected. */
  public DiameterNode diameter() {
    return diameter;
  }

  /** Where the Cx server listens (the real port when 0 was asked for). */
  public InetSocketAddress diameterAddress() {
    return diameterAddress;
  }

  @Override
  public void close() {
    diameter.close();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("Cx requests still running after 10 s; closing the store under them");
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
    store.close();
    log.info("HSS {} stopped", config.cx().originHost());
  }
}
