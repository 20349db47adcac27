/** Subcommands of {@code imscore}: {@code hss} runs the HSS, {@code subscriber} provisions through the REST API. */
package org.imscore.server.cli;
