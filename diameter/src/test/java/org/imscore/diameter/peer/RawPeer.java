package org.imscore.diameter.peer;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterCodec;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.cx.CxMessages;
import org.imscore.diameter.dictionary.Dictionaries;

/** A peer made of a plain socket: sends whatever octets a test wants and reads what comes back. */
final class RawPeer implements AutoCloseable {

    static final DiameterCodec CODEC = new DiameterCodec(Dictionaries.cx());

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int hopByHop = 100;

    RawPeer(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, 2000);
        socket.setSoTimeout(5000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    static DiameterMessage.Builder cer(String host) {
        return DiameterMessage.request(257, 0)
                .add(Avp.utf8(BaseAvps.ORIGIN_HOST, host))
                .add(Avp.utf8(BaseAvps.ORIGIN_REALM, TestNodes.REALM))
                .add(Avp.address(BaseAvps.HOST_IP_ADDRESS, InetAddress.getLoopbackAddress()))
                .add(Avp.unsigned32(BaseAvps.VENDOR_ID, 0))
                .add(Avp.utf8(BaseAvps.PRODUCT_NAME, "raw"));
    }

    /** Exchanges capabilities advertising Cx; returns the CEA. */
    DiameterMessage open(String host) throws IOException {
        send(cer(host).add(CxMessages.CX_APPLICATION.toAvp()).build());
        return read();
    }

    void send(DiameterMessage message) throws IOException {
        DiameterMessage m = message.hopByHopId() == 0 ? message.toBuilder().hopByHopId(++hopByHop).build() : message;
        sendBytes(CODEC.encode(m));
    }

    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    DiameterMessage read() throws IOException {
        byte[] header = new byte[4];
        in.readFully(header);
        int length = ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        byte[] message = new byte[length];
        System.arraycopy(header, 0, message, 0, 4);
        in.readFully(message, 4, length - 4);
        return CODEC.decode(message).message().orElseThrow();
    }

    /** True when the other side closed the connection (EOF) within the read timeout. */
    boolean closedByPeer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (EOFException | java.net.SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
