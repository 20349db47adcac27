/**
 * A scriptable IMS UE for tests: registers as a phone does (TS 24.229 §5.1.1, IMS AKA per RFC 3310 or MD5 digest),
 * subscribes to its reg event (RFC 3680) and makes and answers simple calls, over its own transport and
 * {@link org.imscore.sip.ua.UserAgent}. Results are typed ({@link org.imscore.testkit.ue.RegisterResult},
 * {@link org.imscore.testkit.ue.Notification}) so a test asserts on what the network did, with the wire
 * messages at hand ({@link org.imscore.testkit.ue.Exchange}).
 */
package org.imscore.testkit.ue;
