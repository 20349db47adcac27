/**
 * Helpers for the state the CSCFs keep per registered user for minutes or hours, where every object counts: one
 * shared instance of the values many users have in common, and tokens held as numbers rather than their text.
 */
package org.imscore.cscf.state;
