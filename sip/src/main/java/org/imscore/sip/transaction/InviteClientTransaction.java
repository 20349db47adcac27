package org.imscore.sip.transaction;

import java.time.Duration;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.EncodedMessage;
import org.imscore.sip.transport.Endpoint;

/**
 * The INVITE client transaction (RFC 3261 §17.1.1 as updated by RFC 6026 §7.2).
 *
 * <pre>
 * RFC 6026 Figure 3 (INVITE client transaction), as a table:
 *
 * state       input                 action                              next
 * ----------  --------------------  ----------------------------------  ----------
 * (start)     INVITE from TU        send INVITE; Timer A (UDP), Timer B  Calling
 * Calling     Timer A fires         resend INVITE; Timer A doubled       Calling
 * Calling     Timer B fires         inform TU (408)                      Terminated
 * Calling     transport error       inform TU (503)                      Terminated
 * Calling     1xx                   1xx to TU                            Proceeding
 * Calling     2xx                   2xx to TU; Timer M                   Accepted
 * Calling     300-699               send ACK; response to TU; Timer D    Completed
 * Proceeding  1xx                   1xx to TU                            Proceeding
 * Proceeding  2xx                   2xx to TU; Timer M                   Accepted
 * Proceeding  300-699               send ACK; response to TU; Timer D    Completed
 * Completed   300-699               resend ACK                           Completed
 * Completed   transport error       (the TU has its final response)      Terminated
 * Completed   Timer D fires         -                                    Terminated
 * Accepted    2xx                   2xx to TU                            Accepted
 * Accepted    Timer M fires         -                                    Terminated
 * </pre>
 *
 * Timer C (§16.6 step 11, proxies only) runs from the start and restarts on every provisional response; when it
 * fires after a provisional response the TU is told to CANCEL (§16.8) and the transaction waits 64*T1 more for the
 * final response before it gives up as a timeout (§9.1); before any provisional response it is a timeout.
 *
 * <p>A CANCEL asked for by the TU ({@link TransactionLayer#cancel}) is sent only once a provisional response has
 * arrived (§9.1), and never after a final response.
 *
 * <p>The INVITE is encoded once and its octets are sent, and resent on Timer A. Over UDP, Completed is handed to a
 * {@link CompletedClientTransaction} as soon as it is entered: it resends the ACK's octets and runs Timer D without
 * this object. Accepted is handed to an {@link AcceptedClientTransaction}, which keeps the INVITE's octets and passes
 * every further 2xx to the listener until Timer M.
 */
final class InviteClientTransaction extends AbstractClientTransaction {

    /** The named inputs of this machine. */
    enum Input { PROVISIONAL, SUCCESS, FAILURE, TIMER_A, TIMER_B, TIMER_C, TIMER_D, TIMER_M, TRANSPORT_ERROR,
        CANCEL_FROM_TU }

    private final boolean useTimerC;
    /**
     * The INVITE in wire form, encoded once: the first send, each Timer A resend, and what the Accepted record keeps
     * (null if it could not be encoded; it then goes to the transport as it is, which fails as for any other send).
     */
    private EncodedMessage encodedInvite;
    private Duration timerAInterval;
    /** The ACK for the non-2xx final response, in wire form (null if it could not be encoded). */
    private EncodedMessage ack;
    /** The ACK as built, kept only when it could not be encoded (the transport then reports why). */
    private SipRequest ackRequest;
    /** Listener of a CANCEL the TU asked for before any provisional response (§9.1: it waits for one). */
    private ClientTransactionListener pendingCancel;
    private boolean cancelSent;
    private boolean timerCFired;

    InviteClientTransaction(TransactionLayer layer, SipRequest request, TransactionKey key, Endpoint destination,
                            ClientTransactionListener listener) {
        super(layer, request, key, destination, listener, TransactionState.CALLING);
        this.useTimerC = layer.config().useTimerC();
    }

    /** Sends the INVITE and starts Timers A, B (and C). */
    @Override
    void start() {
        fire(() -> {
            encodedInvite = encodeOrNull(request);
            transmitInvite();
            if (!reliable) {
                timerAInterval = timers.timerA();
                startTimer(RfcTimer.A, timerAInterval);
            }
            startTimer(RfcTimer.B, timers.timerB());
            restartTimerC();
        });
    }

    @Override
    void responseReceived(SipResponse response) {
        handle(response.isProvisional() ? Input.PROVISIONAL
                : response.isSuccess() ? Input.SUCCESS : Input.FAILURE, response);
    }

    @Override
    void transportErrorInput() {
        handle(Input.TRANSPORT_ERROR, null);
    }

    @Override
    void timerFired(RfcTimer timer) {
        switch (timer) {
            case A -> handle(Input.TIMER_A, null);
            case B -> handle(Input.TIMER_B, null);
            case C -> handle(Input.TIMER_C, null);
            case D -> handle(Input.TIMER_D, null);
            case M -> handle(Input.TIMER_M, null);
            default -> throw new IllegalStateException("no Timer " + timer + " in " + kind());
        }
    }

    @Override
    EncodedMessage ackToResend() {
        return ack;
    }

    @Override
    EncodedMessage sentRequest() {
        return encodedInvite;
    }

    private void handle(Input input, SipResponse response) {
        moveTo(switch (state) {
            case CALLING -> calling(input, response);
            case PROCEEDING -> proceeding(input, response);
            case COMPLETED -> completed(input, response);
            case ACCEPTED -> accepted(input, response);
            default -> state;
        });
    }

    private TransactionState calling(Input input, SipResponse response) {
        return switch (input) {
            case TIMER_A -> {
                // §17.1.1.2: retransmit at T1, 2*T1, 4*T1, ... (no T2 cap for INVITE requests) until Timer B.
                transmitInvite();
                timerAInterval = timerAInterval.plus(timerAInterval);
                startTimer(RfcTimer.A, timerAInterval);
                yield TransactionState.CALLING;
            }
            case TIMER_B -> timedOut();
            case TIMER_C -> timerC();
            case TRANSPORT_ERROR -> unavailable();
            case PROVISIONAL -> {
                stopTimer(RfcTimer.A);
                stopTimer(RfcTimer.B);
                yield proceeding(input, response);
            }
            case SUCCESS -> accept(response);
            case FAILURE -> complete(response);
            case CANCEL_FROM_TU -> TransactionState.CALLING; // §9.1: held until a provisional response arrives
            default -> state;
        };
    }

    private TransactionState proceeding(Input input, SipResponse response) {
        return switch (input) {
            case PROVISIONAL -> {
                provisional = true;
                lastResponse = response;
                restartTimerC();
                toTu(response);
                sendCancelIfAsked();
                yield TransactionState.PROCEEDING;
            }
            case SUCCESS -> accept(response);
            case FAILURE -> complete(response);
            case TIMER_C -> timerC();
            case CANCEL_FROM_TU -> {
                sendCancelIfAsked();
                yield TransactionState.PROCEEDING;
            }
            default -> state;
        };
    }

    private TransactionState completed(Input input, SipResponse response) {
        return switch (input) {
            case FAILURE -> {
                // A retransmitted final response: our ACK was lost; send it again, do not bother the TU.
                transmitAck();
                yield TransactionState.COMPLETED;
            }
            case TIMER_D -> TransactionState.TERMINATED;
            case TRANSPORT_ERROR -> TransactionState.TERMINATED;
            default -> state;
        };
    }

    private TransactionState accepted(Input input, SipResponse response) {
        return switch (input) {
            case SUCCESS -> {
                // RFC 6026 §7.2: retransmissions of the 2xx (and 2xx of other forks) go to the TU, which ACKs them.
                toTu(response);
                yield TransactionState.ACCEPTED;
            }
            case TIMER_M -> TransactionState.TERMINATED;
            default -> state;
        };
    }

    private TransactionState accept(SipResponse response) {
        stopRetransmitting();
        lastResponse = response;
        toTu(response);
        // RFC 6026 §7.2: every further 2xx goes to the TU until Timer M. That is all Accepted does, so once the 2xx
        // went to the TU the wait is handed to a record keeping the listener (not this machine, nor the 2xx).
        return waitOut(TransactionState.ACCEPTED, RfcTimer.M, timers.timerM());
    }

    private TransactionState complete(SipResponse response) {
        stopRetransmitting();
        lastResponse = response;
        SipRequest built = TransactionRequests.ackForNon2xx(request, response);
        try {
            ack = EncodedMessage.of(built, request.topVia()); // the ACK's one Via is the INVITE's (§17.1.1.3)
        } catch (RuntimeException e) {
            LOG.debug("{} {}: cannot encode the ACK: {}", kind(), key, e.toString());
        }
        ackRequest = ack == null ? built : null;
        transmitAck();
        toTu(response);
        // Over UDP the wait for retransmissions of the response is handed to a record keeping the ACK's octets.
        return waitOut(TransactionState.COMPLETED, RfcTimer.D, timers.timerD(reliable));
    }

    /** Sends the INVITE's octets, or the request itself when it could not be encoded (called inside a step). */
    private void transmitInvite() {
        EncodedMessage octets = encodedInvite;
        if (octets == null) {
            transmit(request);
        } else {
            effect(() -> watch(() -> layer.transport().sendRequest(octets, destination)));
        }
    }

    private void transmitAck() {
        EncodedMessage encoded = ack;
        SipRequest built = ackRequest;
        effect(() -> watch(() -> encoded != null ? layer.transport().sendRequest(encoded, destination)
                : layer.transport().sendRequest(built, destination)));
    }

    private TransactionState timerC() {
        if (!provisional) {
            return timedOut();
        }
        if (timerCFired) {
            // §9.1: no final response 64*T1 after Timer C had us CANCEL: the transaction is given up as a timeout.
            return timedOut();
        }
        timerCFired = true;
        effect(() -> listener.onTimerC(this));
        startTimer(RfcTimer.C, timers.timerB());
        return state;
    }

    /**
     * The TU wants the INVITE cancelled (§9.1): the CANCEL goes now if a provisional response arrived, else when
     * the first one does; it is never sent once a final response arrived.
     */
    boolean cancel(ClientTransactionListener cancelListener) {
        return fireAndGet(() -> {
            if (cancelSent || pendingCancel != null
                    || (state != TransactionState.CALLING && state != TransactionState.PROCEEDING)) {
                return false;
            }
            pendingCancel = cancelListener;
            handle(Input.CANCEL_FROM_TU, null);
            return true;
        });
    }

    private void sendCancelIfAsked() {
        if (pendingCancel != null && !cancelSent) {
            cancelSent = true;
            ClientTransactionListener cancelListener = pendingCancel;
            SipRequest cancel = createCancel();
            effect(() -> layer.sendRequest(cancel, destination, cancelListener));
        }
    }

    private void restartTimerC() {
        if (useTimerC) {
            startTimer(RfcTimer.C, timers.timerC());
        }
    }

    private void stopRetransmitting() {
        stopTimer(RfcTimer.A);
        stopTimer(RfcTimer.B);
        stopTimer(RfcTimer.C);
    }

    @Override
    String kind() {
        return "INVITE client";
    }
}
