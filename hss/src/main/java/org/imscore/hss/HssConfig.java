package org.imscore.hss;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
import org.imscore.hss.cx.CxConfig;
import org.imscore.hss.store.StoreConfig;

/**
 * Everything an HSS needs to start.
 *
 * @param store where subscribers live
 * @param cx Diameter identity and Cx behaviour
 * @param diameter where the Cx server listens (port 0 takes a free port)
 */
public record HssConfig(StoreConfig store, CxConfig cx, InetSocketAddress diameter) {

  public static final int DIAMETER_PORT = 3868;

  public HssConfig {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(cx, "cx");
    Objects.requireNonNull(diameter, "diameter");
  }

  /**
   * The all-in-one defaults: H2 under {@code dataDirectory}, identity hss.REALM in REALM
   * (ims.mnc001.mcc001.3gppnetwork.org), Cx on 127.0.0.1:3868.
   */
  public static HssConfig defaults(Path dataDirectory) {
    return new HssConfig(
        StoreConfig.h2File(dataDirectory),
        CxConfig.defaults(CxConfig.DEFAULT_REALM),
        new InetSocketAddress("127.0.0.1", DIAMETER_PORT));
  }

  /**
   * An HSS that leaves nothing behind: a private in-memory H2 store and Cx on a free loopback port,
   * with the all-in-one identity. For tests that start a whole core.
   */
  public static HssConfig inMemory() {
    return new HssConfig(
        StoreConfig.h2InMemory("hss-" + UUID.randomUUID()),
        CxConfig.defaults(CxConfig.DEFAULT_REALM),
        new InetSocketAddress("127.0.0.1", 0));
  }

  public HssConfig withStore(StoreConfig newStore) {
    return new HssConfig(newStore, cx, diameter);
  }

  public HssConfig withCx(CxConfig newCx) {
    return new HssConfig(store, newCx, diameter);
  }

  public HssConfig withDiameter(InetSocketAddress newDiameter) {
    return new HssConfig(store, cx, newDiameter);
  }
}
