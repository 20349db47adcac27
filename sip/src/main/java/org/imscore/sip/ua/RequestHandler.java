package org.imscore.sip.ua;

/**
 * The application's part of a UAS for one method: called with each new request that passed the checks of
 * {@link UasChecks}. Answer through {@link IncomingRequest#respond}, now or later from any thread; must not block.
 */
@FunctionalInterface
public interface RequestHandler {

    void onRequest(IncomingRequest request);
}
