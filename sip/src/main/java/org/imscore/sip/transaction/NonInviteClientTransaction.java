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
                startTimer(RfcTimer.E, timerEInterval, () -> handle(Input.TIMER_E, null));
            }
            startTimer(RfcTimer.F, timers.timerF(), () -> handle(Input.TIMER_F, null));
        });
    }

    @Override
    void receive(SipResponse response) {
        Input input = response.isProvisional() ? Input.PROVISIONAL : Input.FINAL;
        fire(() -> handle(input, response));
    }

    @Override
    void transportError(Throwable cause) {
        sendFailure = cause;
        handle(Input.TRANSPORT_ERROR, null);
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
                startTimer(RfcTimer.E, timerEInterval, () -> handle(Input.TIMER_E, null));
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
                startTimer(RfcTimer.E, timerEInterval, () -> handle(Input.TIMER_E, null));
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
        cancelTimer(RfcTimer.E);
        cancelTimer(RfcTimer.F);
        lastResponse = response;
        toTu(response);
        startTimer(RfcTimer.K, timers.timerK(reliable), () -> handle(Input.TIMER_K, null));
        return TransactionState.COMPLETED;
    }

    @Override
    String kind() {
        return "non-INVITE client";
    }
}
