/**
 * The subscriber store over plain JDBC: embedded H2 by default, PostgreSQL by URL, one Flyway
 * schema for both ({@code db/migration}). {@link org.imscore.hss.store.HssStore} makes every call one
 * transaction; SQNs are committed before the vectors that use them are returned.
 */
package org.imscore.hss.store;
