package org.imscore.testkit;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

/** Loopback ports for peers that need theirs on the command line (SIPp) or in a configuration. */
public final class FreePorts {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private FreePorts() {
  }

  /** A port free for both UDP and TCP on 127.0.0.1 at the time of the call. */
  public static int udpAndTcp() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port;
      try (ServerSocket tcp = new ServerSocket(0, 1, LOOPBACK)) {
        port = tcp.getLocalPort();
      } catch (IOException e) {
        continue;
      }
      if (isFree(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free loopback port");
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

  /** Waits until a peer has bound {@code port} (UDP or TCP); false if it has not within {@code limit}. */
  public static boolean awaitBound(int port, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!isFree(port)) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }
}
