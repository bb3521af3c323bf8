package org.unionaid.reporting.rest;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reports already rendered, by what determines them: the report, its representation, the query and
 * the feed snapshot (positions and {@code asOf}). The figures change only when a feed moves, so a
 * city system pulling the same report again, or many pulling it at once, costs a lookup instead of a
 * computation. Least recently used entries go first; bodies over {@code max-body-bytes} are not kept.
 */
@ApplicationScoped
public class RenderedReports {

    private final int maxEntries;
    private final int maxBodyBytes;
    private final Map<String, byte[]> bodies;
    private long renders;

    RenderedReports(@ConfigProperty(name = "union-aid.reports.cache.entries", defaultValue = "256") int maxEntries,
                    @ConfigProperty(name = "union-aid.reports.cache.max-body-bytes", defaultValue = "1048576") int maxBodyBytes) {
        this.maxEntries = maxEntries;
        this.maxBodyBytes = maxBodyBytes;
        this.bodies = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > RenderedReports.this.maxEntries;
            }
        };
    }

    /** The body rendered for {@code key}, rendering it (outside the lock) when it is not kept. */
    byte[] get(String key, Supplier<byte[]> render) {
        synchronized (this) {
            byte[] kept = bodies.get(key);
            if (kept != null) {
                return kept;
            }
        }
        byte[] body = render.get();
        synchronized (this) {
            renders++;
            if (maxEntries > 0 && body.length <= maxBodyBytes) {
                bodies.put(key, body);
            }
        }
        return body;
    }

    /** How many reports were computed rather than found (for tests and diagnosis). */
    public synchronized long renders() {
        return renders;
    }
}
