package org.imscore.sip.transaction;

import java.time.Duration;
import java.util.Optional;
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
final class NonInviteClientTransaction extends AbstractTransaction implements ClientTransaction {

    /** The named inputs of this machine. */
    enum Input { PROVISIONAL, FINAL, TIMER_E, TIMER_F, TIMER_K, TRANSPORT_ERROR }

    private final Endpoint destination;
    private final ClientTransactionListener listener;
    private Duration timerEInterval;
    private SipResponse lastResponse;
    private boolean provisional;
    private String failure;
    private Throwable sendFailure;

    NonInviteClientTransaction(TransactionLayer layer, SipRequest request, TransactionKey key, Endpoint destination,
                               ClientTransactionListener listener) {
        super(layer, request, key, destination.transport().reliable(), TransactionState.TRYING);
        this.destination = destination;
        this.listener = listener;
    }

    /** Sends the request and starts Timers E and F. */
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

    private TransactionState timedOut() {
        failure = "timeout";
        SipResponse timeout = SyntheticResponses.timeout(request);
        effect(() -> listener.onTimeout(this, timeout));
        return TransactionState.TERMINATED;
    }

    private TransactionState unavailable() {
        Throwable cause = sendFailure;
        failure = "transport error: " + cause.getMessage();
        SipResponse unavailable = SyntheticResponses.unavailable(request);
        effect(() -> listener.onTransportError(this, unavailable, cause));
        return TransactionState.TERMINATED;
    }

    private void toTu(SipResponse response) {
        effect(() -> listener.onResponse(this, response));
    }

    @Override
    Endpoint destinationForSend() {
        return destination;
    }

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public TransactionKey key() {
        return key;
    }

    @Override
    public Endpoint destination() {
        return destination;
    }

    @Override
    public synchronized Optional<SipResponse> lastResponse() {
        return Optional.ofNullable(lastResponse);
    }

    @Override
    public synchronized boolean hasProvisional() {
        return provisional;
    }

    @Override
    String kind() {
        return "non-INVITE client";
    }

    @Override
    String outcome() {
        return lastResponse != null && lastResponse.isFinal() ? Integer.toString(lastResponse.statusCode())
                : failure != null ? failure : "no final response";
    }

    @Override
    void terminated() {
        listener.onTerminated(this);
    }

    @Override
    public String toString() {
        return kind() + " " + key;
    }
}
