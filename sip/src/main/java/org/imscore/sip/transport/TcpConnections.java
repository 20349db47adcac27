package org.imscore.sip.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Open TCP connections by remote address, for reuse (RFC 3261 §18.1.1, §18.2.2): a connection we opened is
 * found by the address we connected to, an accepted one by its remote address, so a request to a peer that
 * connected to us goes over the peer's connection. Sends to a peer being connected to wait for the one
 * connection attempt and go out in the order they were made. A closed connection leaves the map.
 */
final class TcpConnections {

    /** Per remote address: the connection, or the tail of the sends queued on a connection being opened. */
    private final Map<InetSocketAddress, CompletableFuture<Channel>> byRemote = new ConcurrentHashMap<>();
    private final Bootstrap client;

    TcpConnections(Bootstrap client) {
        this.client = client;
    }

    /** Registers an accepted connection under its remote address. */
    void registerAccepted(Channel channel) {
        InetSocketAddress remote = (InetSocketAddress) channel.remoteAddress();
        if (remote == null) {
            return;
        }
        byRemote.put(remote, CompletableFuture.completedFuture(channel));
        channel.closeFuture().addListener(f -> forget(remote, channel));
    }

    /**
     * Runs {@code write} on the open connection to {@code remote}, opening one if there is none; writes made while
     * it opens run in call order once it is open.
     */
    CompletableFuture<Void> send(InetSocketAddress remote, Function<Channel, CompletableFuture<Void>> write) {
        Channel open;
        CompletableFuture<Void> result = new CompletableFuture<>();
        synchronized (this) {
            CompletableFuture<Channel> entry = byRemote.get(remote);
            if (entry != null && entry.isDone() && !isOpen(entry)) {
                byRemote.remove(remote, entry);
                entry = null;
            }
            if (entry == null) {
                entry = connect(remote);
            }
            open = isOpen(entry) ? entry.join() : null;
            if (open == null) {
                // Chained on the previous tail, so queued writes run first-come first-served.
                CompletableFuture<Channel> tail = entry.whenComplete((ch, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(failure instanceof CompletionException c && c.getCause() != null
                                ? c.getCause() : failure);
                    } else {
                        try {
                            forward(write.apply(ch), result);
                        } catch (RuntimeException e) {
                            result.completeExceptionally(e); // the connection stays usable for the next send
                        }
                    }
                });
                byRemote.replace(remote, entry, tail);
            }
        }
        if (open != null) {
            return write.apply(open); // outside the lock: a write may run inline on the channel's event loop
        }
        return result;
    }

    private static void forward(CompletableFuture<Void> from, CompletableFuture<Void> to) {
        from.whenComplete((ok, e) -> {
            if (e != null) {
                to.completeExceptionally(e);
            } else {
                to.complete(null);
            }
        });
    }

    /** The open connection to {@code remote} if there is one; never connects. */
    Channel openConnection(InetSocketAddress remote) {
        CompletableFuture<Channel> entry = byRemote.get(remote);
        return entry != null && isOpen(entry) ? entry.join() : null;
    }

    private CompletableFuture<Channel> connect(InetSocketAddress remote) {
        CompletableFuture<Channel> created = new CompletableFuture<>();
        byRemote.put(remote, created);
        client.connect(remote).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                f.channel().closeFuture().addListener(c -> forget(remote, f.channel()));
                created.complete(f.channel());
            } else {
                created.completeExceptionally(new TransportException("cannot connect to " + remote, f.cause()));
                byRemote.computeIfPresent(remote, (k, v) -> v.isCompletedExceptionally() ? null : v);
            }
        });
        return created;
    }

    private void forget(InetSocketAddress remote, Channel channel) {
        byRemote.computeIfPresent(remote, (k, v) -> v.isDone() && (v.isCompletedExceptionally() || v.join() == channel)
                ? null : v);
    }

    private static boolean isOpen(CompletableFuture<Channel> entry) {
        return entry.isDone() && !entry.isCompletedExceptionally() && entry.join().isActive();
    }
}
