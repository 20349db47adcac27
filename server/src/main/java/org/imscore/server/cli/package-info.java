/**
 * Subcommands of {@code imscore}: {@code hss} runs the HSS, {@code subscriber} provisions through the REST API,
 * {@code proxy} runs a stateful SIP proxy with static routes.
 */
package org.imscore.server.cli;
