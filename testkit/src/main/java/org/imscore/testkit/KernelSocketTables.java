package org.imscore.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which loopback ports are held, read from the kernel's socket tables {@code /proc/net/udp}, {@code udp6},
 * {@code tcp} and {@code tcp6} (proc(5)) rather than by binding a port to try it: a trial bind, however short, can
 * make the bind of the peer being waited for fail at that very moment.
 */
final class KernelSocketTables {

  private static final Path NET = Path.of("/proc/net");
  private static final List<String> UDP = List.of("udp", "udp6");
  private static final List<String> TCP = List.of("tcp", "tcp6");
  /** TCP_LISTEN (include/net/tcp_states.h) as the "st" column prints it. */
  private static final String TCP_LISTEN = "0A";

  /**
   * One row of a table: "{@code sl local_address rem_address st ...}", an address printed as 32-bit words in hex,
   * each in the host's byte order, then ":" and the port in hex.
   */
  record Row(InetAddress localAddress, int localPort, String state) {

    /** The row's socket, or empty for the heading line. */
    static Optional<Row> parse(String line) {
      String[] columns = line.strip().split("\\s+");
      if (columns.length < 4 || !columns[0].endsWith(":")) {
        return Optional.empty();
      }
      String local = columns[1];
      int colon = local.indexOf(':');
      return Optional.of(new Row(address(local.substring(0, colon)), Integer.parseInt(local.substring(colon + 1), 16),
          columns[3]));
    }

    private static InetAddress address(String hex) {
      ByteBuffer octets = ByteBuffer.allocate(hex.length() / 2).order(ByteOrder.nativeOrder());
      for (int word = 0; word < hex.length(); word += 8) {
        octets.putInt(Integer.parseUnsignedInt(hex, word, word + 8, 16));
      }
      try {
        // An IPv4-mapped IPv6 address (a dual-stack socket bound to 127.0.0.1) comes back as the IPv4 address.
        return InetAddress.getByAddress(octets.array());
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not an address: " + hex, e);
      }
    }

    /** Bound where a peer on loopback is reached: a loopback address, or the wildcard address. */
    boolean onLoopback() {
      return localAddress.isLoopbackAddress() || localAddress.isAnyLocalAddress();
    }
  }

  private KernelSocketTables() {
  }

  /** Whether this system has the tables (Linux with /proc mounted). */
  static boolean available() {
    return Files.isReadable(NET.resolve("udp")) && Files.isReadable(NET.resolve("tcp"));
  }

  /** Whether a UDP socket is bound to {@code port}, or a TCP socket listens on it, on loopback. */
  static boolean held(int port) throws IOException {
    for (String table : UDP) {
      if (rows(table).stream().anyMatch(r -> r.localPort() == port && r.onLoopback())) {
        return true;
      }
    }
    for (String table : TCP) {
      // A connection whose local port this is (ESTABLISHED, TIME_WAIT) does not take calls; a listener does.
      if (rows(table).stream().anyMatch(r -> r.localPort() == port && r.onLoopback()
          && r.state().equals(TCP_LISTEN))) {
        return true;
      }
    }
    return false;
  }

  private static List<Row> rows(String table) throws IOException {
    Path file = NET.resolve(table);
    if (!Files.isReadable(file)) {
      return List.of(); // udp6 and tcp6 are absent where IPv6 is disabled
    }
    return Files.readAllLines(file, StandardCharsets.US_ASCII).stream().flatMap(l -> Row.parse(l).stream()).toList();
  }
}
