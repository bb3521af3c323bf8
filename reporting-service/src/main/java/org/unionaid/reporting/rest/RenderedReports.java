package org.unionaid.reporting.rest;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reports already computed and rendered. The figures of a report depend only on the query and the
 * feed positions; the rendered body also carries {@code asOf}, which moves on every poll even when no
 * feed brought anything. So two least-recently-used maps: figures by report, query and positions
 * (shared by JSON and CSV), and bodies by representation, query, positions and {@code asOf}. A city
 * system pulling the same report again, or many pulling it at once, costs a lookup, and a new
 * {@code asOf} costs a rendering of figures already computed. Bodies over {@code max-body-bytes} are
 * not kept.
 */
@ApplicationScoped
public class RenderedReports {

    private final int maxEntries;
    private final int maxBodyBytes;
    private final Map<String, byte[]> bodies;
    private final Map<String, Object> figures;
    private long renders;
    private long computations;

    RenderedReports(@ConfigProperty(name = "union-aid.reports.cache.entries", defaultValue = "256") int maxEntries,
                    @ConfigProperty(name = "union-aid.reports.cache.max-body-bytes", defaultValue = "1048576") int maxBodyBytes) {
        this.maxEntries = maxEntries;
        this.maxBodyBytes = maxBodyBytes;
        this.bodies = lru();
        this.figures = lru();
    }

    private <V> Map<String, V> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The figures computed for {@code key}, computing them (outside the lock) when they are not kept. */
    @SuppressWarnings("unchecked")
    <F> F figures(String key, Supplier<F> compute) {
        synchronized (this) {
            Object kept = figures.get(key);
            if (kept != null) {
                return (F) kept;
            }
        }
        F computed = compute.get();
        synchronized (this) {
            computations++;
            if (maxEntries > 0) {
                figures.put(key, computed);
            }
        }
        return computed;
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

    /** How many bodies were rendered rather than found (for tests and diagnosis). */
    public synchronized long renders() {
        return renders;
    }

    /** How many reports' figures were computed rather than found (for tests and diagnosis). */
    public synchronized long computations() {
        return computations;
    }
}
