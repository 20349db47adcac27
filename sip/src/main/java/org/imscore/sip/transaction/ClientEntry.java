package org.imscore.sip.transaction;

import org.imscore.sip.message.SipResponse;

/**
 * What the layer's table of client transactions holds: a live transaction, or the compact record of one that only
 * waits out Timer D or K ({@link CompletedClientTransaction}).
 */
interface ClientEntry {

    TransactionKey key();

    /** A response matched to this transaction (§17.1.3). */
    void receive(SipResponse response);
}
