package org.imscore.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imscore.server.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code imscore proxy} as users run it: argument errors, then a running proxy on loopback. */
class ProxyCommandTest {

  private static final Pattern RUNNING = Pattern.compile("proxy running on UDP:127\\.0\\.0\\.1:(\\d+)");

  private static int run(StringWriter out, StringWriter err, String... args) {
    return Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "example.com",                      // no '='
      "=127.0.0.1:5070",                  // no key
      "example.com=",                     // no hop
      "example.com=127.0.0.1",            // no port
      "example.com=127.0.0.1:five",       // port not a number
      "example.com=127.0.0.1:70000",      // port out of range
      "example.com=127.0.0.1:0",          // port 0 is no destination
      "bob@=127.0.0.1:5070",              // user without domain
      "a@b@example.com=127.0.0.1:5070",   // two '@'
      "example.com=tcp:127.0.0.1"})       // transport but no port
  void aBadRouteIsNamedInTheErrorAndExitsTwo(String route) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit = run(out, err, "proxy", "--listen", "127.0.0.1:0", "--route", route);

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: --route " + route).doesNotContain("Exception", "\tat ");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aBadListenAddressIsNamedInTheError() {
    StringWriter err = new StringWriter();

    int exit = run(new StringWriter(), err, "proxy", "--listen", "127.0.0.1", "--route", "example.com=127.0.0.1:5070");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--listen 127.0.0.1 is not HOST:PORT");
  }

  @Test
  void withoutARouteTheUsageSaysItIsRequired() {
    StringWriter err = new StringWriter();

    int exit = run(new StringWriter(), err, "proxy", "--listen", "127.0.0.1:0");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--route=KEY=[tcp:|udp:]HOST:PORT'");
  }

  @Test
  void aRunningProxyAnswersOptionsForItselfAndForwardsByItsRoutesUntilStopped() throws Exception {
    try (DatagramSocket callee = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
         DatagramSocket caller = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      callee.setSoTimeout(5000);
      caller.setSoTimeout(5000);
      CommandLine commandLine = Main.commandLine();
      StringWriter out = new StringWriter();
      commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(new StringWriter(), true));
      ProxyCommand command = commandLine.getSubcommands().get("proxy").getCommand();
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute("proxy",
              "--listen", "127.0.0.1:0", "--route", "bob@example.com=udp:127.0.0.1:" + callee.getLocalPort()),
          task -> Thread.ofPlatform().daemon().name("proxy-command").start(task));
      int port = awaitPort(out, exit);
      InetSocketAddress proxy = new InetSocketAddress("127.0.0.1", port);

      send(caller, proxy, options("sip:127.0.0.1:" + port, caller.getLocalPort(), "z9hG4bK-self"));
      assertThat(receive(caller)).startsWith("SIP/2.0 200 ").contains("Allow:");

      send(caller, proxy, options("sip:bob@example.com", caller.getLocalPort(), "z9hG4bK-bob"));
      String forwarded = receive(callee);
      assertThat(forwarded).startsWith("OPTIONS sip:bob@example.com SIP/2.0")
          .contains("Max-Forwards: 69", "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK",
              "branch=z9hG4bK-bob");

      command.lifetime.stop();
      assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    }
  }

  private static int awaitPort(StringWriter out, CompletableFuture<Integer> exit) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline && !exit.isDone()) {
      Matcher m = RUNNING.matcher(out.toString());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the proxy did not start: " + out);
  }

  private static String options(String uri, int fromPort, String branch) {
    return "OPTIONS " + uri + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + fromPort + ";branch=" + branch + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@example.net>;tag=a1\r\n"
        + "To: <" + uri + ">\r\n"
        + "Call-ID: " + branch + "@127.0.0.1\r\n"
        + "CSeq: 1 OPTIONS\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  private static void send(DatagramSocket socket, InetSocketAddress to, String message) throws Exception {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    socket.send(new DatagramPacket(bytes, bytes.length, to));
  }

  private static String receive(DatagramSocket socket) throws Exception {
    DatagramPacket packet = new DatagramPacket(new byte[65535], 65535);
    socket.receive(packet);
    return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
  }
}
