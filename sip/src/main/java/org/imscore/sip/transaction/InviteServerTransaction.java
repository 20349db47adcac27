package org.imscore.sip.transaction;

import java.time.Duration;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.InboundMessage;

/**
 * The INVITE server transaction (RFC 3261 §17.2.1 as updated by RFC 6026 §7.1).
 *
 * <pre>
 * RFC 6026 Figure 4 (INVITE server transaction), as a table:
 *
 * state       input                 action                                   next
 * ----------  --------------------  ---------------------------------------  ----------
 * (start)     INVITE                pass INVITE to TU; send 100 Trying, or    Proceeding
 *                                   start the Trying timer (tryingDelay)
 * Proceeding  INVITE                resend last response; none yet: send 100  Proceeding
 * Proceeding  Trying timer fires    none sent yet: send 100 Trying            Proceeding
 * Proceeding  1xx from TU           send response                             Proceeding
 * Proceeding  2xx from TU           send response; Timer L                    Accepted
 * Proceeding  300-699 from TU       send response; Timer G (UDP), Timer H     Completed
 * Proceeding  transport error       inform TU                                 Terminated
 * Completed   INVITE                resend final response                     Completed
 * Completed   Timer G fires         resend final response; G = min(2G, T2)    Completed
 * Completed   ACK                   Timer I                                   Confirmed
 * Completed   Timer H fires         inform TU (no ACK)                        Terminated
 * Completed   transport error       inform TU                                 Terminated
 * Confirmed   ACK, INVITE           - (absorbed)                              Confirmed
 * Confirmed   Timer I fires         -                                         Terminated
 * Accepted    INVITE                - (absorbed; the TU retransmits the 2xx)  Accepted
 * Accepted    ACK                   pass ACK to TU                            Accepted
 * Accepted    2xx from TU           send response                             Accepted
 * Accepted    Timer L fires         -                                         Terminated
 * </pre>
 *
 * Accepted, and Confirmed over UDP, are handed to a {@link CompletedServerTransaction} as soon as they are entered;
 * Completed stays here, since Timer H must reach the TU (§17.2.1). Responses go out encoded once, so Timer G and
 * retransmitted INVITEs resend the same octets.
 */
final class InviteServerTransaction extends AbstractServerTransaction {

    /** The named inputs of this machine. */
    enum Input { INVITE, ACK, TU_PROVISIONAL, TU_SUCCESS, TU_FAILURE, TIMER_TRYING, TIMER_G, TIMER_H, TIMER_I,
        TIMER_L, TRANSPORT_ERROR }

    private Duration timerGInterval;

    InviteServerTransaction(TransactionLayer layer, InboundMessage inbound, SipRequest request, TransactionKey key,
                            TransactionUser user) {
        super(layer, inbound, request, key, TransactionState.PROCEEDING, user);
    }

    /**
     * §17.2.1: the transaction MUST answer 100 Trying unless the TU is known to answer within 200 ms; with a
     * {@link TransactionConfig#tryingDelay()} it waits that long for the TU's first response and sends the 100 only
     * if none came.
     */
    void start() {
        TransactionConfig config = layer.config();
        if (!config.sendTrying()) {
            return;
        }
        if (config.tryingDelay().isZero()) {
            fire(this::sendTrying);
        } else {
            fire(() -> startTimer(RfcTimer.TRYING, config.tryingDelay()));
        }
    }

    private void sendTrying() {
        send(SipResponse.forRequest(request, 100, "Trying").build());
    }

    /** The step the Trying timer leads to: the 100, unless a response went out or the machine moved on since. */
    private void sendDeferredTrying() {
        if (state == TransactionState.PROCEEDING && lastResponse == null) {
            sendTrying();
        }
    }

    @Override
    void requestReceived(SipRequest message, InboundMessage from) {
        handle(message.isMethod(SipRequest.ACK) ? Input.ACK : Input.INVITE, message, from);
    }

    @Override
    void responseFromTu(SipResponse response) {
        Input input = response.isProvisional() ? Input.TU_PROVISIONAL
                : response.isSuccess() ? Input.TU_SUCCESS : Input.TU_FAILURE;
        handle(input, response, null);
    }

    @Override
    void transportErrorInput() {
        handle(Input.TRANSPORT_ERROR, null, null);
    }

    @Override
    void timerFired(RfcTimer timer) {
        switch (timer) {
            case TRYING -> handle(Input.TIMER_TRYING, null, null);
            case G -> handle(Input.TIMER_G, null, null);
            case H -> handle(Input.TIMER_H, null, null);
            case I -> handle(Input.TIMER_I, null, null);
            case L -> handle(Input.TIMER_L, null, null);
            default -> throw new IllegalStateException("no Timer " + timer + " in " + kind());
        }
    }

    private void handle(Input input, Object message, InboundMessage from) {
        moveTo(switch (state) {
            case PROCEEDING -> proceeding(input, message);
            case COMPLETED -> completed(input);
            case CONFIRMED -> confirmed(input);
            case ACCEPTED -> accepted(input, message, from);
            default -> state;
        });
    }

    private TransactionState proceeding(Input input, Object message) {
        return switch (input) {
            case INVITE -> {
                // A retransmission while the 100 is still held back shows the client needs it now.
                if (lastResponse == null && layer.config().sendTrying()) {
                    stopTimer(RfcTimer.TRYING);
                    sendTrying();
                } else {
                    resendLast();
                }
                yield TransactionState.PROCEEDING;
            }
            case TIMER_TRYING -> {
                // Decided on the thread that sends this transaction's responses: sent from the timer's thread, the
                // 100 could be handed to it and leave after a 180 or 200 relayed there meanwhile.
                if (lastResponse == null) {
                    effect(() -> layer.transport().responseExecutor(request.topVia())
                            .execute(() -> fire(this::sendDeferredTrying)));
                }
                yield TransactionState.PROCEEDING;
            }
            case TU_PROVISIONAL -> {
                stopTimer(RfcTimer.TRYING);
                send((SipResponse) message);
                yield TransactionState.PROCEEDING;
            }
            case TU_SUCCESS -> {
                // RFC 6026 §7.1: the 2xx no longer ends the transaction; it waits in Accepted to absorb the INVITE
                // retransmissions (and let the TU see the ACK) until Timer L.
                stopTimer(RfcTimer.TRYING);
                send((SipResponse) message);
                yield waitOut(TransactionState.ACCEPTED, RfcTimer.L, timers.timerL());
            }
            case TU_FAILURE -> {
                stopTimer(RfcTimer.TRYING);
                send((SipResponse) message);
                if (!reliable) {
                    timerGInterval = timers.timerG();
                    startTimer(RfcTimer.G, timerGInterval);
                }
                startTimer(RfcTimer.H, timers.timerH());
                yield TransactionState.COMPLETED;
            }
            case TRANSPORT_ERROR -> terminate(TransactionError.TRANSPORT_ERROR);
            default -> state;
        };
    }

    private TransactionState completed(Input input) {
        return switch (input) {
            case INVITE -> {
                resendLast();
                yield TransactionState.COMPLETED;
            }
            case TIMER_G -> {
                // §17.2.1: retransmit at T1, 2*T1, ... capped at T2, until the ACK or Timer H.
                resendLast();
                timerGInterval = timers.doubledUpToT2(timerGInterval);
                startTimer(RfcTimer.G, timerGInterval);
                yield TransactionState.COMPLETED;
            }
            case ACK -> {
                stopTimer(RfcTimer.G);
                stopTimer(RfcTimer.H);
                yield waitOut(TransactionState.CONFIRMED, RfcTimer.I, timers.timerI(reliable));
            }
            case TIMER_H -> terminate(TransactionError.NO_ACK);
            case TRANSPORT_ERROR -> terminate(TransactionError.TRANSPORT_ERROR);
            default -> state;
        };
    }

    private TransactionState confirmed(Input input) {
        return switch (input) {
            case TIMER_I -> TransactionState.TERMINATED;
            default -> state; // ACK and INVITE retransmissions are absorbed
        };
    }

    private TransactionState accepted(Input input, Object message, InboundMessage from) {
        return switch (input) {
            case ACK -> {
                SipRequest ack = (SipRequest) message;
                effect(() -> user.onAck(ack, from));
                yield TransactionState.ACCEPTED;
            }
            case TU_SUCCESS -> {
                send((SipResponse) message);
                yield TransactionState.ACCEPTED;
            }
            case TRANSPORT_ERROR -> {
                // The 2xx could not be sent; the TU's own 2xx retransmission may still get through.
                tellTu(TransactionError.TRANSPORT_ERROR);
                yield TransactionState.ACCEPTED;
            }
            case TIMER_L -> TransactionState.TERMINATED;
            default -> state; // INVITE retransmissions are absorbed: the TU core retransmits the 2xx (§13.3.1.4)
        };
    }

    @Override
    String kind() {
        return "INVITE server";
    }
}
