package org.imscore.cscf.node;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.imscore.cscf.ifc.DefaultHandling;
import org.imscore.cscf.ifc.FilterCriterion;
import org.imscore.cscf.ifc.IfcEvaluator;
import org.imscore.cscf.ifc.OriginalDialogs;
import org.imscore.cscf.ifc.SessionCase;
import org.imscore.cscf.ifc.TriggerInput;
import org.imscore.cscf.scscf.Registration;
import org.imscore.cscf.scscf.SessionRouter;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.proxy.Target;
import org.imscore.sip.transaction.ServerTransaction;
import org.imscore.sip.uri.InvalidUriException;
import org.imscore.sip.uri.SipUri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S-CSCF's ISC side (TS 23.218 §6, TS 24.229 §5.4.3.2 step 4, §5.4.3.3 step 3): an initial request meets the
 * served user's filter criteria in priority order; the AS of the first matching one gets the request with Route
 * {@code <AS;lr>, <S-CSCF;lr;odi=TOKEN>}; when it comes back along that Route the evaluation goes on after that
 * criterion, and when no criterion is left the request is routed as {@link SessionRouter} decides. An AS that does
 * not answer (timeout, 408, 5xx before any provisional response) gets its criterion's DefaultHandling
 * (TS 24.229 §5.4.3.4).
 */
final class IscRouter {

    private static final Logger log = LoggerFactory.getLogger(IscRouter.class);

    private final SessionRouter sessions;
    private final OriginalDialogs dialogs;

    IscRouter(SessionRouter sessions, OriginalDialogs dialogs) {
        this.sessions = sessions;
        this.dialogs = dialogs;
    }

    /** The original-dialog identifier of the top Route of a request as received, when it has one. */
    static Optional<String> odi(SipRequest received) {
        List<NameAddress> routes = received.routes();
        if (routes.isEmpty() || !(routes.get(0).uri() instanceof SipUri top)) {
            return Optional.empty();
        }
        return top.parameters().get(OriginalDialogs.ODI);
    }

    /** A request back from an AS with an identifier we gave out; empty when we know none by that name. */
    Optional<OriginalDialogs.Pending> returning(SipRequest received) {
        return odi(received).flatMap(dialogs::take);
    }

    /** An initial request without Route values left, first seen here: its served user's criteria apply. */
    void serve(SipNode sip, ServerTransaction transaction, SipRequest request, boolean originating) {
        Optional<Registration> served = sessions.servedUser(request, originating);
        if (served.isEmpty()) {
            finish(sip, transaction, request, originating);
            return;
        }
        SessionCase sessionCase = originating ? SessionCase.ORIGINATING
                : sessions.reachable(served.get()) ? SessionCase.TERMINATING_REGISTERED
                : SessionCase.TERMINATING_UNREGISTERED;
        String identity = originating
                ? request.header(HeaderType.P_ASSERTED_IDENTITY).map(a -> a.uri().toString())
                        .orElse(served.get().publicIdentity())
                : request.requestUri().toString();
        List<FilterCriterion> criteria;
        try {
            criteria = served.get().profile().criteriaFor(identity);
        } catch (IllegalArgumentException e) {
            // Read from the SAA's document; unreadable there, so the user gets the basic service (the criteria
            // cannot be told apart).
            log.warn("{} {}: filter criteria of {} unusable: {}", request.method(), request.requestUri(), identity,
                    e.getMessage());
            criteria = List.of();
        }
        next(sip, transaction, request, new OriginalDialogs.Pending(sessionCase, identity, Integer.MIN_VALUE,
                criteria));
    }

    /** A request back from the AS of {@code pending}'s criterion: the criteria after it apply. */
    void resume(SipNode sip, ServerTransaction transaction, SipRequest request, OriginalDialogs.Pending pending) {
        next(sip, transaction, request, pending);
    }

    private void next(SipNode sip, ServerTransaction transaction, SipRequest request, OriginalDialogs.Pending at) {
        TriggerInput input = new TriggerInput(request, at.sessionCase());
        Optional<FilterCriterion> match = new IfcEvaluator(at.criteria()).next(input, at.priority());
        if (match.isEmpty()) {
            finish(sip, transaction, request, at.sessionCase().originating());
            return;
        }
        FilterCriterion criterion = match.get();
        OriginalDialogs.Pending sent = new OriginalDialogs.Pending(at.sessionCase(), at.servedIdentity(),
                criterion.priority(), at.criteria());
        SipUri as;
        try {
            as = SipUri.parse(criterion.applicationServer().serverName());
        } catch (InvalidUriException e) {
            log.warn("{} {}: iFC {} of {}: ServerName {} is not a SIP URI", request.method(), request.requestUri(),
                    criterion.priority(), at.servedIdentity(), criterion.applicationServer().serverName());
            if (!unanswered(sip, transaction, request, criterion, sent)) {
                sip.respond(transaction, SipNode.answer(request, 500, "Server Internal Error - bad AS name"));
            }
            return;
        }
        String token = dialogs.open(sent);
        SipRequest toAs = request.toBuilder()
                .prepend(HeaderNames.ROUTE, "<" + ownUri(sip.address()).withParameter(OriginalDialogs.ODI, token) + ">")
                .prepend(HeaderNames.ROUTE, "<" + (as.lr() ? as : as.withParameter("lr", null)) + ">")
                .build();
        log.info("{} {} {}: iFC {} of {} -> AS {}", request.method(), request.requestUri(), at.sessionCase(),
                criterion.priority(), at.servedIdentity(), as);
        sip.proxy(transaction, List.of(new SipNode.Leg(toAs, new Target(toAs.requestUri(), 1.0, Optional.empty()))),
                true, response -> noAnswer(response) && dialogs.take(token).isPresent()
                        && unanswered(sip, transaction, request, criterion, sent));
    }

    /** TS 24.229 §5.4.3.4: the AS did not answer; true when the request went on without it. */
    private boolean unanswered(SipNode sip, ServerTransaction transaction, SipRequest request,
                               FilterCriterion criterion, OriginalDialogs.Pending sent) {
        DefaultHandling handling = criterion.applicationServer().defaultHandling();
        log.info("{} {}: AS {} did not answer: {}", request.method(), request.requestUri(),
                criterion.applicationServer().serverName(), handling);
        if (handling == DefaultHandling.SESSION_TERMINATED) {
            return false;
        }
        next(sip, transaction, request, sent);
        return true;
    }

    /** An answer that means "no AS there": a timeout, or a 5xx/408 before any provisional response. */
    private static boolean noAnswer(SipResponse response) {
        return response.statusCode() == 408 || response.statusCode() >= 500 && response.statusCode() < 600;
    }

    /** No criterion left: the request goes where the basic routing of its session case sends it. */
    private void finish(SipNode sip, ServerTransaction transaction, SipRequest request, boolean originating) {
        SessionRouter.Decision decision = originating ? sessions.originating(request) : sessions.terminating(request);
        switch (decision) {
            case SessionRouter.Decision.Reject r -> sip.respond(transaction, r.response());
            case SessionRouter.Decision.Fork f -> sip.proxy(transaction, f.tiers().stream()
                    .map(tier -> tier.stream().map(IscRouter::leg).toList()).toList(), f.timers(), true);
        }
    }

    /** A leg routed by its own Route set or Request-URI. */
    private static SipNode.Leg leg(SipRequest copy) {
        return new SipNode.Leg(copy, new Target(copy.requestUri(), 1.0, Optional.empty()));
    }

    private static SipUri ownUri(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return SipUri.parse("sip:" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + ";lr");
    }
}
