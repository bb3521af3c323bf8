package org.unionaid.documents;

import java.util.Arrays;
import java.util.Optional;

/** The rule every store keeps: an object once written is never replaced by other bytes. */
final class WriteOnce {

    private WriteOnce() {
    }

    /** Whether these very bytes lie under the key already (a retry); {@link ObjectConflict} when other bytes do. */
    static boolean alreadyThere(DocumentStore store, String key, byte[] sealed) {
        Optional<byte[]> existing = store.get(key);
        if (existing.isEmpty()) {
            return false;
        }
        if (!Arrays.equals(existing.get(), sealed)) {
            throw new ObjectConflict(key);
        }
        return true;
    }
}
