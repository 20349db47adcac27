/**
 * {@code imscore run}: the whole core in one process, or some of its functions.
 *
 * <ul>
 *   <li>{@link org.imscore.server.run.Core}{@code .start(CoreConfig[, functions])} starts the functions, each on its
 *       own sockets (P-CSCF, I-CSCF, S-CSCF over SIP; the I-CSCF and S-CSCF reach the HSS over Diameter Cx), and
 *       gives their addresses, the HSS's provisioning service and REST URL; {@code close()} stops them.</li>
 *   <li>{@link org.imscore.server.run.CoreConfig}: the typed configuration; {@code defaults()} (the ports of
 *       ARCHITECTURE.md) and {@code ephemeral()} (free loopback ports, store in memory: what tests start).</li>
 *   <li>{@link org.imscore.server.run.CoreConfigFile}: {@code imscore.yaml} over the defaults; an unknown key or a bad
 *       value is a {@link org.imscore.server.run.CoreConfigFile.ConfigException} naming the key.</li>
 *   <li>{@link org.imscore.server.run.RunCommand}: the CLI, with {@code --role}, {@code --config} and {@code --demo}
 *       ({@link org.imscore.server.run.DemoSubscribers}).</li>
 *   <li>{@link org.imscore.server.run.CoreObserver}: a passive tap on every SIP and Cx message of the functions
 *       ({@code Core.start(config, functions, observer)}).</li>
 * </ul>
 */
package org.imscore.server.run;
