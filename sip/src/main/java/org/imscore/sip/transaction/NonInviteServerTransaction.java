package org.imscore.sip.transaction;

import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.InboundMessage;

/**
 * The non-INVITE server transaction (RFC 3261 §17.2.2).
 *
 * <pre>
 * RFC 3261 Figure 8 (non-INVITE server transaction), as a table:
 *
 * state       input                 action                              next
 * ----------  --------------------  ----------------------------------  ----------
 * (start)     request               pass request to TU                  Trying
 * Trying      request               - (absorbed, nothing to resend)     Trying
 * Trying      1xx from TU           send response                       Proceeding
 * Trying      200-699 from TU       send response; Timer J              Completed
 * Proceeding  request               resend last provisional             Proceeding
 * Proceeding  1xx from TU           send response                       Proceeding
 * Proceeding  200-699 from TU       send response; Timer J              Completed
 * Proceeding  transport error       inform TU                           Terminated
 * Completed   request               resend final response               Completed
 * Completed   transport error       inform TU                           Terminated
 * Completed   Timer J fires         -                                   Terminated
 * </pre>
 *
 * Over UDP, Completed is handed to a {@link CompletedServerTransaction} as soon as it is entered: it resends the
 * final response's octets and runs Timer J without this object.
 */
final class NonInviteServerTransaction extends AbstractServerTransaction {

    /** The named inputs of this machine. */
    enum Input { REQUEST, TU_PROVISIONAL, TU_FINAL, TIMER_J, TRANSPORT_ERROR }

    NonInviteServerTransaction(TransactionLayer layer, InboundMessage inbound, SipRequest request, TransactionKey key,
                               TransactionUser user) {
        super(layer, inbound, request, key, TransactionState.TRYING, user);
    }

    @Override
    void requestReceived(SipRequest message, InboundMessage from) {
        handle(Input.REQUEST, null);
    }

    @Override
    void responseFromTu(SipResponse response) {
        handle(response.isProvisional() ? Input.TU_PROVISIONAL : Input.TU_FINAL, response);
    }

    @Override
    void transportErrorInput() {
        handle(Input.TRANSPORT_ERROR, null);
    }

    @Override
    void timerFired(RfcTimer timer) {
        if (timer == RfcTimer.J) {
            handle(Input.TIMER_J, null);
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
            case REQUEST -> TransactionState.TRYING; // a retransmission before any response: nothing to resend
            default -> proceeding(input, response); // the TU's responses and transport errors act as in Proceeding
        };
    }

    private TransactionState proceeding(Input input, SipResponse response) {
        return switch (input) {
            case REQUEST -> {
                resendLast();
                yield TransactionState.PROCEEDING;
            }
            case TU_PROVISIONAL -> {
                send(response);
                yield TransactionState.PROCEEDING;
            }
            case TU_FINAL -> complete(response);
            case TRANSPORT_ERROR -> terminate(TransactionError.TRANSPORT_ERROR);
            default -> state;
        };
    }

    private TransactionState completed(Input input) {
        return switch (input) {
            case REQUEST -> {
                resendLast();
                yield TransactionState.COMPLETED;
            }
            case TIMER_J -> TransactionState.TERMINATED;
            case TRANSPORT_ERROR -> terminate(TransactionError.TRANSPORT_ERROR);
            default -> state; // responses from the TU after the final one are not sent
        };
    }

    private TransactionState complete(SipResponse response) {
        send(response);
        // Over UDP the wait for retransmissions is handed to a record that keeps only the response's octets.
        return waitOut(TransactionState.COMPLETED, RfcTimer.J, timers.timerJ(reliable));
    }

    @Override
    String kind() {
        return "non-INVITE server";
    }
}
