/**
 * Diameter dictionaries kept as data: {@code base.dict} (RFC 6733) and {@code cx.dict} (TS 29.229),
 * one row per AVP (name, code, vendor, type, M-bit rule), enumerated values, and each command and
 * grouped AVP with its RFC 6733 section 3.2 grammar. {@link org.imscore.diameter.dictionary.Dictionary}
 * answers lookups by code/vendor ({@code avp(code, vendor)}), by name ({@code avp("Origin-Host")}),
 * commands ({@code command(code, appId, isRequest)}), applications and grouped grammars; an application
 * dictionary inherits its parent (Cx inherits base), so Sh, Rx, Gx or S6a are further files.
 */
package org.imscore.diameter.dictionary;
