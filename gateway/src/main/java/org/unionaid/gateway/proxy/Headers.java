package org.unionaid.gateway.proxy;

import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

/** Copying headers from one message to the next, leaving out the ones named (case-insensitive, nothing allocated per name). */
final class Headers {

    /** Hop-by-hop headers (RFC 9110, 7.6.1): about one connection, never passed on. */
    static final CharSequence[] HOP_BY_HOP = optimized("Connection", "Keep-Alive", "Proxy-Connection",
            "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade");

    private Headers() {
    }

    static CharSequence[] hopByHopAnd(String... more) {
        CharSequence[] names = java.util.Arrays.copyOf(HOP_BY_HOP, HOP_BY_HOP.length + more.length);
        System.arraycopy(optimized(more), 0, names, HOP_BY_HOP.length, more.length);
        return names;
    }

    private static CharSequence[] optimized(String... names) {
        CharSequence[] made = new CharSequence[names.length];
        for (int i = 0; i < names.length; i++) {
            made[i] = HttpHeaders.createOptimized(names[i]);
        }
        return made;
    }

    /** Adds every header of {@code from} to {@code to} but those in {@code left}. */
    static void copy(MultiMap from, MultiMap to, CharSequence[] left) {
        from.forEach((name, value) -> {
            if (!listed(name, left)) {
                to.add(name, value);
            }
        });
    }

    private static boolean listed(String name, CharSequence[] names) {
        for (CharSequence listed : names) {
            if (AsciiString.contentEqualsIgnoreCase(name, listed)) {
                return true;
            }
        }
        return false;
    }
}
