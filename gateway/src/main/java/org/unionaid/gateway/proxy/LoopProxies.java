package org.unionaid.gateway.proxy;

import io.vertx.core.Context;
import io.vertx.core.http.HttpClient;
import io.vertx.httpproxy.HttpProxy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The reverse proxies to the services, one set per event loop, each set on an HTTP client of that
 * loop's own. A client's keep-alive pool hands any caller any idle connection: with one client for
 * all loops, a request served on one loop was handed a connection opened on another about every
 * second time, and each event of that exchange then crossed between the two threads through their
 * task queues (a third of the gateway's CPU by the profile). Here a loop's requests only ever meet
 * the connections that loop opened. A caller on no event loop gets the shared set.
 */
final class LoopProxies {

    private final Supplier<HttpClient> newClient;
    private final Function<HttpClient, HttpProxy[]> proxiesOn;
    private final HttpProxy[] shared;
    private final Map<Thread, HttpProxy[]> byLoop = new ConcurrentHashMap<>();
    private final List<HttpClient> clients = new CopyOnWriteArrayList<>();

    /**
     * {@code newClient}: a client for one loop; {@code proxiesOn}: the proxies (by upstream index) on a
     * client; {@code sharedClient}: the one for callers off the event loops.
     */
    LoopProxies(Supplier<HttpClient> newClient, Function<HttpClient, HttpProxy[]> proxiesOn, HttpClient sharedClient) {
        this.newClient = newClient;
        this.proxiesOn = proxiesOn;
        this.shared = proxiesOn.apply(sharedClient);
    }

    /** The proxies of the calling thread's event loop, made on its first request. */
    HttpProxy[] current() {
        Thread thread = Thread.currentThread();
        HttpProxy[] proxies = byLoop.get(thread);
        if (proxies != null) {
            return proxies;
        }
        if (!Context.isOnEventLoopThread()) {
            return shared;
        }
        return byLoop.computeIfAbsent(thread, loop -> {
            HttpClient client = newClient.get();
            clients.add(client);
            return proxiesOn.apply(client);
        });
    }

    void close() {
        clients.forEach(HttpClient::close);
    }
}
