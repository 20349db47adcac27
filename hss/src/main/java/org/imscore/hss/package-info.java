/**
 * The HSS: {@link org.imscore.hss.HssNode} starts the subscriber store, the Cx server on Diameter
 * and the provisioning service from an {@link org.imscore.hss.HssConfig}. Layers, bottom up:
 * {@code subscriber} and {@code profile} (the data), {@code store} (JDBC, Flyway), {@code
 * provisioning} (validated changes), {@code cx} (TS 29.228/29.229 procedures as plain Java).
 */
package org.imscore.hss;
