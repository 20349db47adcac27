/**
 * The S-CSCF registrar (TS 24.229 §5.4.1, TS 33.203 §6.1): {@link org.imscore.cscf.scscf.ScscfRegistrar} takes a
 * REGISTER and answers it through the Cx client (MAR for a challenge or a resynchronisation, SAR once the UE is
 * authenticated or gone), the binding expiry timer's tick, and the HSS's RTR. Contact bindings live behind
 * {@link org.imscore.cscf.scscf.BindingStore}, pending challenges behind
 * {@link org.imscore.cscf.scscf.ChallengeStore}; both have in-memory implementations here.
 *
 * <p>The registrar talks to the HSS through the asynchronous {@link org.imscore.cscf.cx.CxClient} rather than
 * returning "Cx actions" for a caller to run: a REGISTER may need one Cx round (MAR), or a chain decided by the
 * answers (SAR, then a second SAR to undo a registration whose identities are all barred), and the stage expresses
 * that chain where it is decided. Tests stay synchronous: a Cx client that answers with completed stages runs the
 * whole flow on the caller's thread.
 *
 * <p>Cx answers may complete on any thread. Every read-merge-write of bindings happens under the registrar's lock
 * and re-reads the store, so two REGISTERs of one identity (two devices) cannot lose each other's contacts; a
 * shared store for several S-CSCFs will need the same guarantee from its own atomic update.
 */
package org.imscore.cscf.scscf;
