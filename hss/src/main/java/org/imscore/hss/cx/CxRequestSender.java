package org.imscore.hss.cx;

import java.util.concurrent.CompletionStage;
import org.imscore.diameter.codec.DiameterMessage;

/** Sends an HSS-initiated request (RTR, PPR) to the peer its Destination-Host names. */
@FunctionalInterface
public interface CxRequestSender {

  /** Completes with the answer, or exceptionally when the peer cannot be reached. */
  CompletionStage<DiameterMessage> send(DiameterMessage request);
}
