/**
 * The Cx interface as the CSCFs see it (TS 29.228, TS 29.229): {@link org.imscore.cscf.cx.CxClient} with typed
 * requests and answers that know nothing of Diameter, the failure model ({@link org.imscore.cscf.cx.CxException}
 * carrying a {@link org.imscore.cscf.cx.CxFailure}), the user profile read from SAA User-Data
 * ({@link org.imscore.cscf.cx.UserProfile}), and {@link org.imscore.cscf.cx.DiameterCxClient}, the implementation
 * over the diameter module's Cx commands.
 *
 * <p>Answers complete normally only for success results; every error completes the stage exceptionally with a
 * {@link org.imscore.cscf.cx.CxException}. An unreachable or failing HSS is a
 * {@linkplain org.imscore.cscf.cx.CxFailure#isBackendFailure() backend failure}: the roles answer it with a SIP
 * 5xx, never with 403, so that a phone retries instead of giving up on its subscription.
 */
package org.imscore.cscf.cx;
