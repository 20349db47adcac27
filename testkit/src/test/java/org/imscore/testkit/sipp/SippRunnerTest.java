package org.imscore.testkit.sipp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner against a minimal UDP responder written here as raw text, so that what SIPp reports
 * (success, failure) is known independently of the SIP stack.
 */
class SippRunnerTest {

  @TempDir Path work;

  @BeforeAll
  static void needsSipp() {
    assumeTrue(SippRunner.available(), "sipp is not installed (run ./run-tests, which installs it)");
  }

  @Test
  void countsASuccessfulOptionsPing() throws Exception {
    try (Responder responder = new Responder("200 OK", "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS")) {
      SippRunner sipp = new SippRunner(work);

      SippResult result = sipp.run(sipp.scenario("options.xml"), responder.address(), 3,
          Duration.ofSeconds(20));

      assertThat(result.allCallsSucceeded()).as(result.describe()).isTrue();
      assertThat(result.successfulCalls()).isEqualTo(3);
      assertThat(responder.requestsSeen()).isEqualTo(3);
    }
  }

  @Test
  void reportsAFailedCallWhenTheAnswerIsNotTheExpectedOne() throws Exception {
    try (Responder responder = new Responder("404 Not Found", "")) {
      SippRunner sipp = new SippRunner(work);

      SippResult result = sipp.run(sipp.scenario("options.xml"), responder.address(), 1,
          Duration.ofSeconds(20));

      assertThat(result.allCallsSucceeded()).isFalse();
      assertThat(result.exitCode()).as(result.describe()).isNotZero();
      assertThat(result.failedCalls()).isEqualTo(1);
    }
  }

  /** Answers every request with a fixed status, echoing the dialog headers as RFC 3261 §8.2.6 says. */
  private static final class Responder implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread thread;
    private volatile int requests;

    Responder(String status, String extraHeader) throws SocketException {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      thread = Thread.ofVirtual().start(() -> serve(status, extraHeader));
    }

    InetSocketAddress address() {
      return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    int requestsSeen() {
      return requests;
    }

    private void serve(String status, String extraHeader) {
      byte[] buffer = new byte[65535];
      while (!socket.isClosed()) {
        try {
          DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
          socket.receive(packet);
          String request = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
          List<String> lines = request.lines().toList();
          String echoed = lines.stream()
              .filter(l -> l.matches("(?i)^(Via|From|To|Call-ID|CSeq):.*"))
              .collect(Collectors.joining("\r\n"));
          requests++;
          String response = "SIP/2.0 " + status + "\r\n" + echoed + "\r\n"
              + (extraHeader.isEmpty() ? "" : extraHeader + "\r\n") + "Content-Length: 0\r\n\r\n";
          byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
          socket.send(new DatagramPacket(bytes, bytes.length, packet.getSocketAddress()));
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    @Override
    public void close() throws InterruptedException {
      socket.close();
      thread.join();
    }
  }
}
