package org.imscore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FreePorts#awaitBound} against sockets of each kind bound on a free loopback port: IPv4 sockets (as SIPp's)
 * appear in /proc/net/udp and tcp, dual-stack sockets (as Java's) and IPv6 ones in udp6 and tcp6.
 */
class FreePortsTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Duration NOBODY = Duration.ofMillis(300);

  static Stream<Arguments> sockets() {
    return Stream.of(
        Arguments.of("UDP", StandardProtocolFamily.INET, "127.0.0.1"),
        Arguments.of("TCP", StandardProtocolFamily.INET, "127.0.0.1"),
        Arguments.of("UDP", StandardProtocolFamily.INET6, "127.0.0.1"),
        Arguments.of("TCP", StandardProtocolFamily.INET6, "127.0.0.1"),
        Arguments.of("UDP", StandardProtocolFamily.INET6, "::1"),
        Arguments.of("TCP", StandardProtocolFamily.INET6, "::1"));
  }

  @ParameterizedTest(name = "{0} {1} bound to {2}")
  @MethodSource("sockets")
  void aBoundSocketIsSeen(String transport, ProtocolFamily family, String address) throws Exception {
    int port = FreePorts.udpAndTcp();
    try (NetworkChannel socket = open(transport, family)) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));

      assertThat(FreePorts.awaitBound(port, WAIT)).as(transport + " on " + address + ":" + port).isTrue();
    }
  }

  @Test
  void aPeerThatBindsWhileTheWaitIsOnIsSeen() throws Exception {
    int port = FreePorts.udpAndTcp();
    CompletableFuture<Boolean> waiting = new CompletableFuture<>();
    Thread.ofPlatform().daemon().start(() -> {
      try {
        waiting.complete(FreePorts.awaitBound(port, WAIT));
      } catch (InterruptedException e) {
        waiting.completeExceptionally(e);
      }
    });
    Thread.sleep(100); // a few polls find nobody first

    try (DatagramChannel peer = DatagramChannel.open(StandardProtocolFamily.INET)) {
      peer.bind(new InetSocketAddress("127.0.0.1", port));

      assertThat(waiting.get(WAIT.toSeconds() + 5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aPortNobodyHoldsIsReportedUnboundWhenTheLimitIsReached() {
    int port = FreePorts.udpAndTcp();

    boolean bound = assertTimeoutPreemptively(WAIT, () -> FreePorts.awaitBound(port, NOBODY));

    assertThat(bound).isFalse();
  }

  @Test
  void aPortThatIsOnlyTheLocalEndOfATcpConnectionIsNotBound() throws Exception {
    assumeTrue(KernelSocketTables.available(), "no /proc/net socket tables");
    int port = FreePorts.udpAndTcp();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
         Socket client = new Socket()) {
      client.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      client.connect(server.getLocalSocketAddress());
      try (Socket accepted = server.accept()) {

        assertThat(FreePorts.awaitBound(port, NOBODY)).as("a client's port " + port).isFalse();
        assertThat(FreePorts.awaitBound(server.getLocalPort(), WAIT)).as("the server's port").isTrue();
      }
    }
  }

  private static NetworkChannel open(String transport, ProtocolFamily family) throws IOException {
    if (family == StandardProtocolFamily.INET6) {
      assumeTrue(ipv6Loopback(), "no IPv6 loopback");
    }
    return transport.equals("UDP") ? DatagramChannel.open(family) : ServerSocketChannel.open(family);
  }

  private static boolean ipv6Loopback() {
    try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET6)) {
      probe.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
