/**
 * What the HSS knows of a subscriber (TS 23.008 §5): private identity, credentials, public
 * identities with their implicit registration sets, registration state and the serving S-CSCF.
 */
package org.imscore.hss.subscriber;
