/**
 * A user-agent core on the transaction layer (RFC 3261 §8, §12, §13): {@link org.imscore.sip.ua.UserAgent} (UAS
 * checks and answers, OPTIONS, CANCEL, 2xx retransmission; UAC request building and sending),
 * {@link org.imscore.sip.ua.UasChecks} (the §8.2 checks: 400, 405, 416, 420, 415, 406),
 * {@link org.imscore.sip.ua.Dialog} (dialog state and in-dialog requests, §12) and
 * {@link org.imscore.sip.ua.NextHops} (URI to endpoint).
 */
package org.imscore.sip.ua;
