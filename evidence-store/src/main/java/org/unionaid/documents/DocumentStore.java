package org.unionaid.documents;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where sealed documents lie: a key names one object, written once. The caller makes the keys (UUIDs,
 * say) and keeps them in its database; the store never sees a plain document.
 */
public interface DocumentStore {

    /** Lower-case letters, digits and hyphens, 1 to 80, not starting with a hyphen: no path, no dot, no slash. */
    Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");

    /**
     * Stores {@code sealed} under {@code key}. Storing the same bytes again is a no-op (a retry);
     * other bytes under a key already taken are refused with {@link ObjectConflict}, never overwritten.
     */
    void put(String key, byte[] sealed);

    /** The object under {@code key}; empty when there is none. */
    Optional<byte[]> get(String key);

    /** Removes the object under {@code key}; nothing happens when there is none. */
    void delete(String key);

    /**
     * The key when it fits {@link #KEY}. Keys come from the calling service, not from a client, so a
     * key that does not fit is a bug: an {@link IllegalArgumentException} that does not repeat it.
     */
    static String requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Object key must match " + KEY.pattern());
        }
        return key;
    }
}
