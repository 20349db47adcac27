/**
 * The subscriber store over plain JDBC: embedded H2 by default, PostgreSQL by URL, one Flyway
 * schema for both ({@code db/migration}). {@link org.imscore.hss.store.HssStore} makes every call one
 * transaction; an SQN is in the database file before the vectors that use it are returned (grouped commits on
 * H2, see {@link org.imscore.hss.store.GroupCommit}). Reads by identity are served from a cache every write keeps
 * coherent ({@link org.imscore.hss.store.SubscriberCache}).
 */
package org.imscore.hss.store;
