/**
 * Subcommands of {@code imscore}: {@code hss} runs the HSS, {@code subscriber} provisions through the REST API
 * (one at a time, or {@code subscriber import} from a CSV file),
 * {@code proxy} runs a stateful SIP proxy with static routes.
 */
package org.imscore.server.cli;
