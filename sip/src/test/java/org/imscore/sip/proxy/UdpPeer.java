package org.imscore.sip.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.imscore.sip.codec.SipParseResult;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.codec.SipSerializer;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.transport.Endpoint;

/** A SIP peer on a plain loopback UDP socket: writes wire text, reads and parses what comes back. */
final class UdpPeer implements AutoCloseable {

    private final DatagramSocket socket;

    UdpPeer() {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    Endpoint endpoint() {
        return Endpoint.udp("127.0.0.1", port());
    }

    /** Sends wire text written with LF line ends; {@code $port} becomes this peer's port. */
    void send(String text, InetSocketAddress to) {
        String wire = text.replace("$port", Integer.toString(port())).replace("\r\n", "\n").replace("\n", "\r\n");
        send(wire.getBytes(StandardCharsets.UTF_8), to);
    }

    void send(SipMessage message, InetSocketAddress to) {
        send(SipSerializer.serialize(message), to);
    }

    private void send(byte[] bytes, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next message within {@code timeout}, or empty. */
    Optional<SipMessage> receive(Duration timeout) {
        byte[] buffer = new byte[65535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SipParseResult r = SipParser.parse(buffer, 0, packet.getLength());
        if (!r.isSuccess()) {
            throw new AssertionError("peer received an unparsable message: " + r + "\n"
                    + new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8));
        }
        return Optional.of(r.message());
    }

    /** The next message that satisfies {@code wanted}, skipping others (100 Trying, retransmissions). */
    SipMessage receive(Duration timeout, Predicate<SipMessage> wanted) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("nothing wanted arrived within " + timeout);
            }
            Optional<SipMessage> m = receive(Duration.ofNanos(Math.max(left, 1_000_000)));
            if (m.isPresent() && wanted.test(m.get())) {
                return m.get();
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
