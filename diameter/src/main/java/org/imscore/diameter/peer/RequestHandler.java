package org.imscore.diameter.peer;

import java.util.concurrent.CompletionStage;

import org.imscore.diameter.codec.DiameterMessage;

/**
 * The application side of a node: given a request that decoded and validated cleanly, produce its
 * answer, now or later (an HSS may look up a database). Requests that fail decoding never reach the
 * handler: the node answers them with Result-Code and Failed-AVP itself. A handler that throws or
 * completes exceptionally gets a 5012 DIAMETER_UNABLE_TO_COMPLY answer sent for it.
 *
 * <p>{@code handle} runs on the node's I/O thread: return quickly and do blocking work (a database)
 * on an executor of your own, completing the stage from there. The answer's Hop-by-Hop and End-to-End
 * ids are set to the request's if the handler got them wrong.
 */
@FunctionalInterface
public interface RequestHandler {

    CompletionStage<DiameterMessage> handle(DiameterMessage request, PeerInfo from);
}
