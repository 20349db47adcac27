package org.imscore.sip.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.imscore.sip.codec.SipParseResult;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.codec.SipSerializer;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.transport.Endpoint;

/**
 * A SIP peer listening on a plain loopback TCP socket: accepts the connections the proxy opens, reads one
 * message at a time (head up to the blank line, then Content-Length octets) and answers on the connection the
 * request came in on.
 */
final class TcpPeer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> connections = new ArrayList<>();
    private Socket last;

    TcpPeer() {
        try {
            server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    Endpoint endpoint() {
        return Endpoint.tcp("127.0.0.1", port());
    }

    /** The next message on an open connection, or on a new one the proxy opens, within {@code timeout}. */
    SipMessage receive(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Socket s : connections) {
                SipMessage m = tryRead(s, Duration.ofMillis(20));
                if (m != null) {
                    last = s;
                    return m;
                }
            }
            server.setSoTimeout(50);
            try {
                connections.add(server.accept());
            } catch (SocketTimeoutException e) {
                // nothing new: poll the open connections again
            }
        }
        throw new AssertionError("no message over TCP within " + timeout);
    }

    /** Answers on the connection of the last message received. */
    void reply(SipMessage message) throws IOException {
        last.getOutputStream().write(SipSerializer.serialize(message));
        last.getOutputStream().flush();
    }

    private static SipMessage tryRead(Socket s, Duration wait) throws IOException {
        s.setSoTimeout((int) wait.toMillis());
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (!endsWithBlankLine(head)) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
                // Once a message has started, wait for the rest of it.
                s.setSoTimeout(2000);
            }
        } catch (SocketTimeoutException e) {
            if (head.size() == 0) {
                return null;
            }
            throw e;
        }
        String text = head.toString(StandardCharsets.UTF_8);
        int length = contentLength(text);
        byte[] body = in.readNBytes(length);
        head.write(body);
        SipParseResult r = SipParser.parse(head.toByteArray());
        if (!r.isSuccess()) {
            throw new AssertionError("unparsable message over TCP: " + r + "\n" + text);
        }
        return r.message();
    }

    private static boolean endsWithBlankLine(ByteArrayOutputStream b) {
        byte[] a = b.toByteArray();
        int n = a.length;
        return n >= 4 && a[n - 4] == '\r' && a[n - 3] == '\n' && a[n - 2] == '\r' && a[n - 1] == '\n';
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            String l = line.toLowerCase(Locale.ROOT);
            if (l.startsWith("content-length:") || l.startsWith("l:")) {
                return Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        for (Socket s : connections) {
            s.close();
        }
        server.close();
    }
}
