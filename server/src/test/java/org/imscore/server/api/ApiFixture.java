package org.imscore.server.api;

import java.net.InetSocketAddress;
import java.util.UUID;
import org.imscore.hss.provisioning.ProvisioningService;
import org.imscore.hss.store.HssStore;
import org.imscore.hss.store.StoreConfig;

/** A store and the REST API on a free loopback port, for one test class. */
public final class ApiFixture implements AutoCloseable {

  public final HssStore store;
  public final ProvisioningService provisioning;
  public final ApiServer server;

  public ApiFixture() {
    store = HssStore.open(StoreConfig.h2InMemory("api-" + UUID.randomUUID()));
    provisioning = new ProvisioningService(store);
    server = ApiServer.start(new InetSocketAddress("127.0.0.1", 0), new SubscriberApi(provisioning));
  }

  /** Deletes every subscriber, so one fixture can serve a whole test class. */
  public void clear() {
    store.list(0, Integer.MAX_VALUE).forEach(s -> store.delete(s.impi()));
  }

  public String url() {
    return server.url();
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }
}
