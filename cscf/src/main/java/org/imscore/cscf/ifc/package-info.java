/**
 * Initial filter criteria (TS 29.228 Annex B.2.2, Annex C; TS 23.218 §6): the trigger points of a service profile as
 * typed records, read from the Cx User-Data, and their evaluation against an initial request in priority order.
 */
package org.imscore.cscf.ifc;
