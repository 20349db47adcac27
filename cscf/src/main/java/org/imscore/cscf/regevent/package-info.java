/**
 * The "reg" event package (RFC 3680) as TS 24.229 §5.4.2.1 uses it at the S-CSCF: the
 * {@code application/reginfo+xml} document ({@link org.imscore.cscf.regevent.RegInfo}, written and read by
 * {@link org.imscore.cscf.regevent.RegInfoXml}) and the subscriptions of UEs and P-CSCFs
 * ({@link org.imscore.cscf.regevent.RegEventNotifier}), which turn SUBSCRIBEs and registration changes into
 * responses and NOTIFY requests without doing I/O.
 */
package org.imscore.cscf.regevent;
