/**
 * The REST API: {@link org.imscore.server.api.SubscriberApi} (routes and JSON, plain Java) served by
 * {@link org.imscore.server.api.ApiServer} on Netty's HTTP codec.
 */
package org.imscore.server.api;
