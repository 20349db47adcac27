/**
 * The HSS side of Cx (TS 29.228 §6, TS 29.229 §6.1): {@link org.imscore.hss.cx.CxHandler} answers
 * UAR, MAR, SAR and LIR from the store; {@link org.imscore.hss.cx.CxPush} sends RTR and PPR when
 * provisioning changes a served subscriber. No sockets here: the Diameter node carries the messages.
 */
package org.imscore.hss.cx;
