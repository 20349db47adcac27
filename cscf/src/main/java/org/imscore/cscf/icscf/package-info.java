/**
 * The I-CSCF's registration role (TS 24.229 §5.3.1, TS 29.228 §6.1.1, §8.1): {@link org.imscore.cscf.icscf.IcscfRegistrar}
 * reads the UAR parameters from a REGISTER, asks the HSS, and turns the answer into "forward to this S-CSCF" or the
 * SIP response that refuses the request; {@link org.imscore.cscf.icscf.ScscfSelector} picks an S-CSCF by
 * capabilities when the HSS has none assigned; {@link org.imscore.cscf.icscf.TerminatingRouter} does the same with LIR
 * for initial requests towards a home user. The I-CSCF keeps no state.
 */
package org.imscore.cscf.icscf;
