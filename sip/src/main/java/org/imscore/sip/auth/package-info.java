/**
 * HTTP Digest for SIP (RFC 2617, RFC 3261 §22) and IMS AKA over Digest (RFC 3310 AKAv1-MD5, RFC 4169 AKAv2-MD5).
 */
package org.imscore.sip.auth;
