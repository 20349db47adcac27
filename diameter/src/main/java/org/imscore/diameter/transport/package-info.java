/** Framing of Diameter over stream transports (TCP now; SCTP later keeps message boundaries itself). */
package org.imscore.diameter.transport;
