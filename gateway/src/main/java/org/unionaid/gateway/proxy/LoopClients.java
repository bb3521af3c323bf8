package org.unionaid.gateway.proxy;

import io.vertx.core.Context;
import io.vertx.core.http.HttpClient;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The HTTP clients to the services, one per event loop. A client's keep-alive pool hands any caller
 * any idle connection: with one client for all loops, a request served on one loop was handed a
 * connection opened on another about every second time, and each event of that exchange then crossed
 * between the two threads through their task queues (a third of the gateway's CPU by the profile).
 * Here a loop's requests only ever meet the connections that loop opened. A caller on no event loop
 * gets the shared client.
 */
final class LoopClients {

    private final Supplier<HttpClient> newClient;
    private final HttpClient shared;
    private final Map<Thread, HttpClient> byLoop = new ConcurrentHashMap<>();
    private final List<HttpClient> clients = new CopyOnWriteArrayList<>();

    /** {@code newClient}: a client for one loop; {@code shared}: the one for callers off the event loops. */
    LoopClients(Supplier<HttpClient> newClient, HttpClient shared) {
        this.newClient = newClient;
        this.shared = shared;
    }

    /** The client of the calling thread's event loop, made on its first request. */
    HttpClient current() {
        Thread thread = Thread.currentThread();
        HttpClient client = byLoop.get(thread);
        if (client != null) {
            return client;
        }
        if (!Context.isOnEventLoopThread()) {
            return shared;
        }
        return byLoop.computeIfAbsent(thread, loop -> {
            HttpClient made = newClient.get();
            clients.add(made);
            return made;
        });
    }

    void close() {
        clients.forEach(HttpClient::close);
    }
}
