package org.imscore.sip.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.imscore.sip.codec.SipParseResult;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;

/** Plain java.net peers that write raw wire text at a transport, and a handler that answers like a UAS. */
final class Peers {

    static final String LOOPBACK = "127.0.0.1";

    private Peers() {
    }

    /** An OPTIONS request as a UA at {@code sentBy} over {@code transport} writes it. */
    static String options(String transport, String sentBy, String viaParams, String branch) {
        return "OPTIONS sip:server@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " " + sentBy + ";branch=z9hG4bK" + branch + viaParams + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=a1\r\n"
                + "To: <sip:server@127.0.0.1>\r\n"
                + "Call-ID: " + branch + "@example.com\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** Records what arrives and answers every request but ACK with 200 through {@link SipTransport#sendResponse}. */
    static final class Uas implements InboundHandler {

        final BlockingQueue<InboundMessage> received = new LinkedBlockingQueue<>();
        volatile SipTransport transport;

        @Override
        public void onMessage(InboundMessage inbound) {
            received.add(inbound);
            if (inbound.message() instanceof SipRequest r && !r.isMethod(SipRequest.ACK)) {
                transport.sendResponse(SipResponse.forRequest(r, 200).toTag("uas").build());
            }
        }

        InboundMessage next() throws InterruptedException {
            InboundMessage m = received.poll(5, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("nothing received");
            }
            return m;
        }
    }

    /** Starts a transport on UDP+TCP at 127.0.0.1 on one ephemeral port, with {@code uas} answering. */
    static NettySipTransport start(TransportConfig config, Uas uas) {
        NettySipTransport t = new NettySipTransport(config);
        uas.transport = t;
        t.start(uas);
        return t;
    }

    static SipMessage parse(byte[] bytes) {
        SipParseResult r = SipParser.parse(bytes);
        if (!r.isSuccess()) {
            throw new AssertionError("peer received unparseable message: " + r + "\n"
                    + new String(bytes, StandardCharsets.UTF_8));
        }
        return r.message();
    }

    /** A UDP peer on an ephemeral loopback port. */
    static final class UdpPeer implements AutoCloseable {

        final DatagramSocket socket;

        UdpPeer() throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            socket.setSoTimeout(3000);
        }

        int port() {
            return socket.getLocalPort();
        }

        void send(String text, ListeningPoint to) throws IOException {
            send(text.getBytes(StandardCharsets.UTF_8), to);
        }

        void send(byte[] bytes, ListeningPoint to) throws IOException {
            socket.send(new DatagramPacket(bytes, bytes.length, to.address()));
        }

        SipMessage receive() throws IOException {
            return parse(receiveBytes());
        }

        /** The next datagram as text (for answers that lack what a parser requires, e.g. a 400 without CSeq). */
        String receiveText() throws IOException {
            return new String(receiveBytes(), StandardCharsets.UTF_8);
        }

        private byte[] receiveBytes() throws IOException {
            byte[] buf = new byte[65_536];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.receive(p);
            byte[] got = new byte[p.getLength()];
            System.arraycopy(buf, 0, got, 0, got.length);
            return got;
        }

        /** Whether nothing arrives within {@code millis}. */
        boolean silentFor(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                socket.receive(new DatagramPacket(new byte[65_536], 65_536));
                return false;
            } catch (SocketTimeoutException e) {
                return true;
            } finally {
                socket.setSoTimeout(3000);
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** A TCP peer: one connection to a listening point, reading messages framed by Content-Length. */
    static final class TcpPeer implements AutoCloseable {

        final Socket socket;
        private final InputStream in;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        TcpPeer(ListeningPoint to) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(to.address(), 3000);
            socket.setSoTimeout(3000);
            in = socket.getInputStream();
        }

        TcpPeer(Socket accepted) throws IOException {
            socket = accepted;
            socket.setSoTimeout(3000);
            in = socket.getInputStream();
        }

        int port() {
            return socket.getLocalPort();
        }

        void send(String text) throws IOException {
            send(text.getBytes(StandardCharsets.UTF_8));
        }

        void send(byte[] bytes) throws IOException {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        }

        /** The next message on the stream. */
        SipMessage receive() throws IOException {
            while (true) {
                byte[] buf = pending.toByteArray();
                int end = messageEnd(buf);
                if (end > 0) {
                    pending.reset();
                    pending.write(buf, end, buf.length - end);
                    byte[] msg = new byte[end];
                    System.arraycopy(buf, 0, msg, 0, end);
                    return parse(msg);
                }
                if (!fill()) {
                    throw new IOException("connection closed by the transport");
                }
            }
        }

        /** The next {@code n} raw octets. */
        byte[] receiveRaw(int n) throws IOException {
            while (pending.size() < n) {
                if (!fill()) {
                    throw new IOException("connection closed by the transport");
                }
            }
            byte[] buf = pending.toByteArray();
            pending.reset();
            pending.write(buf, n, buf.length - n);
            byte[] out = new byte[n];
            System.arraycopy(buf, 0, out, 0, n);
            return out;
        }

        /** Whether the transport closes the connection (end of stream) within the timeout, after what is pending. */
        boolean closedByPeer() throws IOException {
            try {
                byte[] buf = new byte[4096];
                while (true) {
                    int n = in.read(buf);
                    if (n < 0) {
                        return true;
                    }
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset
            }
        }

        private boolean fill() throws IOException {
            byte[] buf = new byte[8192];
            int n = in.read(buf);
            if (n < 0) {
                return false;
            }
            pending.write(buf, 0, n);
            return true;
        }

        private static int messageEnd(byte[] b) {
            String text = new String(b, StandardCharsets.ISO_8859_1);
            int head = text.indexOf("\r\n\r\n");
            if (head < 0) {
                return -1;
            }
            int length = 0;
            for (String line : text.substring(0, head).split("\r\n")) {
                int colon = line.indexOf(':');
                String name = colon < 0 ? "" : line.substring(0, colon).trim();
                if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("l")) {
                    length = Integer.parseInt(line.substring(colon + 1).trim());
                }
            }
            int end = head + 4 + length;
            return b.length >= end ? end : -1;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Retries the assertion for up to 3 s: for counters updated when a write completes, after the peer has read it. */
    static void eventually(Runnable assertion) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(5);
            }
        }
    }

    static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }
}
