package org.imscore.server.run;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** One SIP request as a raw UDP datagram from a fresh loopback socket, and the status line of its final answer. */
final class UdpExchange {

  private UdpExchange() {
  }

  /**
   * Sends {@code request} ({@code \n} line ends; {@code PORT} stands for the socket's port) and returns the first
   * final response's status line, or {@code "no answer"} after 10 s.
   */
  static String exchange(InetSocketAddress to, String request) throws IOException {
    return exchange(to, request, 0);
  }

  /** As {@link #exchange(InetSocketAddress, String)} from loopback port {@code fromPort} (0: any free one). */
  static String exchange(InetSocketAddress to, String request, int fromPort) throws IOException {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
        fromPort))) {
      socket.setSoTimeout(10_000);
      String wire = request.replace("PORT", Integer.toString(socket.getLocalPort())).replace("\n", "\r\n");
      byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
      socket.send(new DatagramPacket(bytes, bytes.length, to));
      byte[] buffer = new byte[65_535];
      while (true) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
        } catch (SocketTimeoutException e) {
          return "no answer";
        }
        String response = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
        String statusLine = response.substring(0, response.indexOf("\r\n"));
        if (!statusLine.startsWith("SIP/2.0 1")) {
          return statusLine;
        }
      }
    }
  }

  /** A MESSAGE from {@code from} to {@code to} (user parts) in {@code domain}, outside any dialog. */
  static String message(String from, String to, String domain) {
    return "MESSAGE sip:" + to + "@" + domain + " SIP/2.0\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:PORT;branch=z9hG4bK" + UUID.randomUUID() + "\n"
        + "Max-Forwards: 70\n"
        + "From: <sip:" + from + "@" + domain + ">;tag=ue1\n"
        + "To: <sip:" + to + "@" + domain + ">\n"
        + "Call-ID: " + UUID.randomUUID() + "\n"
        + "CSeq: 1 MESSAGE\n"
        + "Content-Length: 0\n\n";
  }
}
