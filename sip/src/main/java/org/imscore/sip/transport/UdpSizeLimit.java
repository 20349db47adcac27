package org.imscore.sip.transport;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/**
 * The largest request that may leave over UDP to a destination (RFC 3261 §18.1.1): one "within 200 bytes of the path
 * MTU", or "larger than 1300 bytes and the path MTU is unknown", must go over a congestion-controlled transport.
 *
 * <p>The one path whose MTU a host knows without discovery is the loopback interface's: a datagram to a loopback
 * address never leaves it. Functions of one host (the all-in-one core) talk over it, and their INVITEs with SDP pass
 * 1300 bytes after a few hops; with the loopback MTU known they stay on UDP, as they would between hosts on a path
 * with a large MTU.
 */
final class UdpSizeLimit {

    /** The loopback interface's MTU less 200 bytes, read once; the unknown-path limit when it cannot be read. */
    private static final int LOOPBACK = loopbackLimit();

    private UdpSizeLimit() {
    }

    /** The largest request, in bytes, that may be sent over UDP to {@code destination}. */
    static int of(InetAddress destination, TransportConfig.PathMtu known) {
        if (known == TransportConfig.PathMtu.LOOPBACK_KNOWN && destination.isLoopbackAddress()) {
            return LOOPBACK;
        }
        return TransportConfig.UDP_SIZE_THRESHOLD;
    }

    private static int loopbackLimit() {
        try {
            NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
            int mtu = lo == null ? -1 : lo.getMTU();
            return mtu - 200 > TransportConfig.UDP_SIZE_THRESHOLD ? mtu - 200 : TransportConfig.UDP_SIZE_THRESHOLD;
        } catch (SocketException e) {
            return TransportConfig.UDP_SIZE_THRESHOLD;
        }
    }
}
