package org.imscore.sip.transaction;

import java.time.Duration;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Endpoint;

/**
 * The non-INVITE client transaction (RFC 3261 §17.1.2).
 *
 * <pre>
 * RFC 3261 Figure 6 (non-INVITE client transaction), as a table:
 *
 * state       input                 action                                 next
 * ----------  --------------------  -------------------------------------  ----------
 * (start)     request from TU       send request; Timer E (UDP), Timer F   Trying
 * Trying      Timer E fires         resend; Timer E = min(2E, T2)          Trying
 * Trying      Timer F fires         inform TU (408)                        Terminated
 * Trying      transport error       inform TU (503)                        Terminated
 * Trying      1xx                   1xx to TU                              Proceeding
 * Trying      200-699               response to TU; Timer K                Completed
 * Proceeding  Timer E fires         resend; Timer E = T2                   Proceeding
 * Proceeding  Timer F fires         inform TU (408)                        Terminated
 * Proceeding  transport error       inform TU (503)                        Terminated
 * Proceeding  1xx                   1xx to TU                              Proceeding
 * Proceeding  200-699               response to TU; Timer K                Completed
 * Completed   200-699               - (absorbed retransmission)            Completed
 * Completed   Timer K fires         -                                      Terminated
 * </pre>
 *
 * Over UDP, Completed is handed to a {@link CompletedClientTransaction} as soon as it is entered.
 */
final class NonInviteClientTransaction extends AbstractClientTransaction {

    /** The named inputs of this machine. */
    enum Input { PROVISIONAL, FINAL, TIMER_E, TIMER_F, TIMER_K, TRANSPORT_ERROR }

    private Duration timerEInterval;

    NonInviteClientTransaction(TransactionLayer layer, SipRequest request, TransactionKey key, Endpoint destination,
                               ClientTransactionListener listener) {
        super(layer, request, key, destination, listener, TransactionState.TRYING);
    }

    /** Sends the request and starts Timers E and F. */
    @Override
    void start() {
        fire(() -> {
            transmit(request);
            if (!reliable) {
                timerEInterval = timers.timerE();
                startTimer(RfcTimer.E, timerEInterval);
            }
            startTimer(RfcTimer.F, timers.timerF());
        });
    }

    @Override
    void responseReceived(SipResponse response) {
        handle(response.isProvisional() ? Input.PROVISIONAL : Input.FINAL, response);
    }

    @Override
    void transportErrorInput() {
        handle(Input.TRANSPORT_ERROR, null);
    }

    @Override
    void timerFired(RfcTimer timer) {
        switch (timer) {
            case E -> handle(Input.TIMER_E, null);
            case F -> handle(Input.TIMER_F, null);
            case K -> handle(Input.TIMER_K, null);
            default -> throw new IllegalStateException("no Timer " + timer + " in " + kind());
        }
    }

    private void handle(Input input, SipResponse response) {
        moveTo(switch (state) {
            case TRYING -> trying(input, response);
            case PROCEEDING -> proceeding(input, response);
            case COMPLETED -> completed(input);
            default -> state;
        });
    }

    private TransactionState trying(Input input, SipResponse response) {
        return switch (input) {
            case TIMER_E -> {
                // §17.1.2.2: intervals T1, 2*T1, 4*T1, ... capped at T2.
                transmit(request);
                timerEInterval = timers.doubledUpToT2(timerEInterval);
                startTimer(RfcTimer.E, timerEInterval);
                yield TransactionState.TRYING;
            }
            default -> proceeding(input, response); // the other inputs act as in Proceeding; a 1xx moves there
        };
    }

    private TransactionState proceeding(Input input, SipResponse response) {
        return switch (input) {
            case TIMER_E -> {
                // §17.1.2.2: in Proceeding the request is retransmitted every T2.
                transmit(request);
                timerEInterval = timers.t2();
                startTimer(RfcTimer.E, timerEInterval);
                yield TransactionState.PROCEEDING;
            }
            case PROVISIONAL -> {
                provisional = true;
                lastResponse = response;
                toTu(response);
                yield TransactionState.PROCEEDING;
            }
            case FINAL -> complete(response);
            case TIMER_F -> timedOut();
            case TRANSPORT_ERROR -> unavailable();
            default -> state;
        };
    }

    private TransactionState completed(Input input) {
        return switch (input) {
            case TIMER_K -> TransactionState.TERMINATED;
            default -> state; // retransmitted final responses are absorbed
        };
    }

    private TransactionState complete(SipResponse response) {
        stopTimer(RfcTimer.E);
        stopTimer(RfcTimer.F);
        lastResponse = response;
        toTu(response);
        // Over UDP the wait for response retransmissions is handed to a record that keeps only the key.
        return waitOut(TransactionState.COMPLETED, RfcTimer.K, timers.timerK(reliable));
    }

    @Override
    String kind() {
        return "non-INVITE client";
    }
}
