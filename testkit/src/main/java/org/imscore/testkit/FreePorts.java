package org.imscore.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback ports for peers that need theirs on the command line (SIPp) or in a configuration. */
public final class FreePorts {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private FreePorts() {
  }

  /**
   * A port free for both UDP and TCP on 127.0.0.1 at the time of the call, drawn below the kernel's ephemeral
   * range: a port from that range can be taken meanwhile as the local port of some outgoing connection (a
   * Diameter or TCP client starting at the same moment), and the peer meant to listen there then fails to bind.
   */
  public static int udpAndTcp() {
    int ephemeralLow = ephemeralRangeStart();
    int low = Math.min(10_000, ephemeralLow / 2);
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(low, ephemeralLow);
      if (isFree(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free loopback port below " + ephemeralLow);
  }

  /** The first port of {@code /proc/sys/net/ipv4/ip_local_port_range}, or Linux's default 32768. */
  static int ephemeralRangeStart() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      int start = Integer.parseInt(range.split("\\s+")[0]);
      return start > 2_048 ? start : 32_768;
    } catch (IOException | RuntimeException unreadable) {
      return 32_768;
    }
  }

  /** Whether nobody listens on {@code port} over UDP or TCP. */
  public static boolean isFree(int port) {
    try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, port));
         ServerSocket tcp = new ServerSocket(port, 1, LOOPBACK)) {
      return udp.isBound() && tcp.isBound();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Waits until a peer has bound {@code port} on loopback: a UDP socket bound to it or a TCP socket listening on
   * it; false if none has within {@code limit}. Read from the kernel's socket tables, so the wait never takes the
   * port itself.
   */
  public static boolean awaitBound(int port, Duration limit) throws InterruptedException {
    // Without /proc (not Linux) the only way left is to try to bind the port: for the moment a trial bind holds it,
    // the peer's own bind fails, so a caller there may see its peer fail to start now and then.
    boolean tables = KernelSocketTables.available();
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      if (tables ? heldInTables(port) : !isFree(port)) {
        return true;
      }
      if (System.nanoTime() >= deadline) {
        return false;
      }
      Thread.sleep(20);
    }
  }

  private static boolean heldInTables(int port) {
    try {
      return KernelSocketTables.held(port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the kernel's socket tables under /proc/net", e);
    }
  }
}
