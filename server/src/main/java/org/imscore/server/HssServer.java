package org.imscore.server;

import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import org.imscore.hss.HssConfig;
import org.imscore.hss.HssNode;
import org.imscore.server.api.ApiServer;
import org.imscore.server.api.SubscriberApi;

/**
 * The HSS role as the runnable starts it: {@link HssNode} (store and Cx server) plus the REST API
 * on top of its provisioning service. Closing stops the API first, so no change arrives while the
 * HSS shuts down.
 */
public final class HssServer implements AutoCloseable {

  private final HssNode hss;
  private final ApiServer api;

  private HssServer(HssNode hss, ApiServer api) {
    this.hss = hss;
    this.api = api;
  }

  /** Starts the HSS, then the REST API on {@code apiAddress} (port 0 takes a free one). */
  public static HssServer start(HssConfig config, InetSocketAddress apiAddress) {
    return start(config, apiAddress, null);
  }

  /** As {@link #start(HssConfig, InetSocketAddress)}, Cx on the caller's event loops (null: its own). */
  public static HssServer start(HssConfig config, InetSocketAddress apiAddress, EventLoopGroup loops) {
    HssNode hss = HssNode.start(config, loops);
    try {
      return new HssServer(hss, ApiServer.start(apiAddress, new SubscriberApi(hss.provisioning())));
    } catch (RuntimeException e) {
      hss.close();
      throw e;
    }
  }

  public HssNode hss() {
    return hss;
  }

  public ApiServer api() {
    return api;
  }

  @Override
  public void close() {
    api.close();
    hss.close();
  }
}
