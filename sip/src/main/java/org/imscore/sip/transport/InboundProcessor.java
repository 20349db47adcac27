package org.imscore.sip.transport;

import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.imscore.sip.codec.SipParseResult;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.message.Via;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one received message, whatever transport brought it (RFC 3261 §18.2.1, §18.1.2): parse it;
 * a request that fails gets a stateless 400 when it can be answered and is dropped otherwise; a bad response is
 * dropped; a good request has its top Via stamped and its channel remembered for the response; then the message
 * goes to the {@link InboundHandler}. Nothing thrown by the parser or the handler gets out of here.
 */
final class InboundProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);

    private final InboundHandler handler;
    private final TransportCounters counters;
    private final ResponseRoutes routes;

    private final MessageObserver observer;

    InboundProcessor(InboundHandler handler, TransportCounters counters, ResponseRoutes routes,
                     MessageObserver observer) {
        this.handler = handler;
        this.observer = observer;
        this.counters = counters;
        this.routes = routes;
    }

    /**
     * Processes one message's octets, all of {@code bytes}.
     *
     * @param rememberRoute whether responses to a request must go back on {@code channel} (always for a
     *                      connection; for UDP only when there is more than one UDP socket to choose from)
     * @return the stateless answer to send back to the source, if any
     */
    Optional<SipResponse> process(byte[] bytes, Endpoint source, ListeningPoint local, Channel channel,
                                  boolean rememberRoute) {
        return process(bytes, bytes.length, source, local, channel, rememberRoute);
    }

    /**
     * Processes the message in {@code bytes[0, length)}. The array is read only during this call (nothing keeps a
     * reference to it), so the caller may reuse it for the next message.
     */
    Optional<SipResponse> process(byte[] bytes, int length, Endpoint source, ListeningPoint local, Channel channel,
                                  boolean rememberRoute) {
        if (log.isDebugEnabled()) {
            log.debug("recv {} <- {} ({} bytes)\n{}", local, source, length,
                    new String(bytes, 0, length, StandardCharsets.UTF_8));
        }
        SipParseResult result = SipParser.parse(bytes, 0, length);
        if (!result.isSuccess()) {
            return rejected(result, source);
        }
        SipMessage message = result.message();
        try {
            if (message.isRequest()) {
                message = ViaStamping.stampTopVia(message, source.address());
                if (rememberRoute) {
                    Via top = message.topVia();
                    routes.remember(top, channel);
                }
            }
        } catch (RuntimeException e) {
            // The parser validated the Via; a failure here is a defect, not a reason to lose the listener.
            log.warn("dropped message from {}: cannot stamp Via: {}", source, e.toString());
            counters.malformedDropped.increment();
            return Optional.empty();
        }
        counters.received.increment();
        if (observer != MessageObserver.NONE) {
            try {
                observer.observe(MessageObserver.Direction.RECEIVED, source.transport(), local.address(),
                        source.address(), message);
            } catch (RuntimeException e) {
                log.warn("message observer failed on {}: {}", message.startLine(), e.toString());
            }
        }
        try {
            handler.onMessage(new InboundMessage(message, source, local));
        } catch (RuntimeException e) {
            log.warn("inbound handler failed on {} from {}", message.startLine(), source, e);
        }
        return Optional.empty();
    }

    private Optional<SipResponse> rejected(SipParseResult result, Endpoint source) {
        Optional<SipResponse> answer = result.isResponse() ? Optional.empty()
                : StatelessResponses.forParseFailure(result, source.address());
        if (answer.isPresent()) {
            counters.badRequestsAnswered.increment();
            log.debug("bad request from {}: {}; answering {} {}", source, result.error().orElse(null),
                    answer.get().statusCode(), answer.get().reasonPhrase());
        } else {
            counters.malformedDropped.increment();
            log.debug("dropped malformed {} from {}: {}", result.isResponse() ? "response" : "request", source,
                    result.error().orElse(null));
        }
        return answer;
    }
}
