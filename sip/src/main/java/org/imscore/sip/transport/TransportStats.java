package org.imscore.sip.transport;

/**
 * A snapshot of what a transport has seen since it started.
 *
 * @param received            well-formed messages handed to the {@link InboundHandler}
 * @param sent                messages written to a socket
 * @param malformedDropped    input dropped without an answer: a bad response, a bad request without a usable
 *                            Via, an unframeable stream
 * @param badRequestsAnswered bad requests answered statelessly with 400 (or 505)
 * @param oversizeRejected    stream messages over the size limit (answered with 513 when they could be)
 * @param keepAlivePongs      CRLFCRLF pings answered with a CRLF pong (RFC 5626 §3.5.1)
 * @param sendFailures        sends that completed with a {@link TransportException}
 * @param octetsReceived      octets read from every socket (datagram payloads and stream data)
 */
public record TransportStats(long received, long sent, long malformedDropped, long badRequestsAnswered,
                             long oversizeRejected, long keepAlivePongs, long sendFailures, long octetsReceived) {
}
