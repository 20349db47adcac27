/**
 * Bytes to messages and back: {@link org.imscore.sip.codec.SipParser} (failures recorded in a
 * {@link org.imscore.sip.codec.SipParseResult}), {@link org.imscore.sip.codec.SipSerializer},
 * {@link org.imscore.sip.codec.SipStreamFramer} for stream transports and
 * {@link org.imscore.sip.codec.SipValidator} for strict checks of every typed header.
 */
package org.imscore.sip.codec;
