/**
 * Cx/Dx (TS 29.228/29.229): code points ({@link org.imscore.diameter.cx.Cx}), the commands
 * ({@link org.imscore.diameter.cx.CxCommand}), AVP definitions ({@link org.imscore.diameter.cx.CxAvps}),
 * experimental result codes ({@link org.imscore.diameter.cx.CxResultCode}), results
 * ({@link org.imscore.diameter.cx.CxResult}: base Result-Code or 3GPP Experimental-Result), grouped AVPs
 * as records ({@link org.imscore.diameter.cx.SipAuthDataItem} with factories {@code request},
 * {@code resync}, {@code akaVector}, {@code digest}; {@link org.imscore.diameter.cx.SipDigestAuthenticate},
 * {@link org.imscore.diameter.cx.ServerCapabilities}, {@link org.imscore.diameter.cx.DeregistrationReason},
 * {@link org.imscore.diameter.cx.SupportedFeatures}, {@link org.imscore.diameter.cx.ChargingInformation}),
 * enumerations ({@link org.imscore.diameter.cx.ServerAssignmentType},
 * {@link org.imscore.diameter.cx.UserAuthorizationType}, {@link org.imscore.diameter.cx.ReasonCode}),
 * {@link org.imscore.diameter.cx.CxMessages} to start any Cx request or answer with the common AVPs, and
 * one record per command with {@code from(DiameterMessage)} (empty when not that command or a required
 * AVP is missing) and {@code toMessage(...)}: {@link org.imscore.diameter.cx.UserAuthorizationRequest},
 * {@link org.imscore.diameter.cx.UserAuthorizationAnswer}, {@link org.imscore.diameter.cx.ServerAssignmentRequest},
 * {@link org.imscore.diameter.cx.ServerAssignmentAnswer}, {@link org.imscore.diameter.cx.LocationInfoRequest},
 * {@link org.imscore.diameter.cx.LocationInfoAnswer}, {@link org.imscore.diameter.cx.MultimediaAuthRequest},
 * {@link org.imscore.diameter.cx.MultimediaAuthAnswer}, {@link org.imscore.diameter.cx.RegistrationTerminationRequest},
 * {@link org.imscore.diameter.cx.RegistrationTerminationAnswer}, {@link org.imscore.diameter.cx.PushProfileRequest},
 * {@link org.imscore.diameter.cx.PushProfileAnswer}. Requests take a {@link org.imscore.diameter.cx.CxRequestHeader}
 * (Session-Id, Origin, Destination); answers take the request and this node's Origin-Host/Realm.
 */
package org.imscore.diameter.cx;
