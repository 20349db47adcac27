package org.imscore.sip.transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.InboundMessage;

/** A TU and a client listener that record every call. */
final class Recorders {

    private Recorders() {
    }

    static class User implements TransactionUser {
        final List<ServerTransaction> requests = new ArrayList<>();
        final List<ServerTransaction> cancels = new ArrayList<>();
        final List<Optional<ServerTransaction>> cancelled = new ArrayList<>();
        final List<SipRequest> acks = new ArrayList<>();
        final List<SipResponse> strays = new ArrayList<>();
        final List<TransactionError> errors = new ArrayList<>();
        final List<ServerTransaction> terminated = new ArrayList<>();

        @Override
        public synchronized void onRequest(ServerTransaction transaction) {
            requests.add(transaction);
        }

        @Override
        public synchronized void onCancel(ServerTransaction cancel, Optional<ServerTransaction> invite) {
            cancels.add(cancel);
            cancelled.add(invite);
        }

        @Override
        public synchronized void onAck(SipRequest ack, InboundMessage inbound) {
            acks.add(ack);
        }

        @Override
        public synchronized void onStrayResponse(SipResponse response, InboundMessage inbound) {
            strays.add(response);
        }

        @Override
        public synchronized void onServerTransactionError(ServerTransaction transaction, TransactionError error) {
            errors.add(error);
        }

        @Override
        public synchronized void onTerminated(ServerTransaction transaction) {
            terminated.add(transaction);
        }

        ServerTransaction last() {
            return requests.get(requests.size() - 1);
        }
    }

    static final class Listener implements ClientTransactionListener {
        final List<SipResponse> responses = new ArrayList<>();
        final List<SipResponse> timeouts = new ArrayList<>();
        final List<SipResponse> transportErrors = new ArrayList<>();
        final List<Throwable> causes = new ArrayList<>();
        int timerC;
        int terminated;
        /** What {@link #asksForAcceptedRequest()} answers: true, as for a UA, unless a test plays a proxy. */
        boolean asksForAcceptedRequest = true;
        /** The transaction each response came with. */
        final List<ClientTransaction> transactions = new ArrayList<>();

        @Override
        public synchronized void onResponse(ClientTransaction transaction, SipResponse response) {
            responses.add(response);
            transactions.add(transaction);
        }

        @Override
        public boolean asksForAcceptedRequest() {
            return asksForAcceptedRequest;
        }

        @Override
        public synchronized void onTimeout(ClientTransaction transaction, SipResponse timeout) {
            timeouts.add(timeout);
        }

        @Override
        public synchronized void onTransportError(ClientTransaction transaction, SipResponse unavailable,
                                                  Throwable cause) {
            transportErrors.add(unavailable);
            causes.add(cause);
        }

        @Override
        public synchronized void onTimerC(ClientTransaction transaction) {
            timerC++;
        }

        @Override
        public synchronized void onTerminated(ClientTransaction transaction) {
            terminated++;
        }

        synchronized List<Integer> codes() {
            return responses.stream().map(SipResponse::statusCode).toList();
        }
    }
}
