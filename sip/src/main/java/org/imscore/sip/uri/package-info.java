/**
 * SIP, SIPS and tel URIs (RFC 3261 §19.1, RFC 3966, IPv6 references per RFC 5118) and their comparison rules
 * (RFC 3261 §19.1.4, RFC 3966 §4). Other schemes are kept as opaque {@link org.imscore.sip.uri.AbsoluteUri}.
 */
package org.imscore.sip.uri;
