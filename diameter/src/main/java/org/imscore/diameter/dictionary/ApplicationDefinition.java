package org.imscore.diameter.dictionary;

/** A Diameter application a dictionary describes, e.g. Cx = 16777216 of vendor 10415. */
public record ApplicationDefinition(long id, int vendorId, String name) {
}
