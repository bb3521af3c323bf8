package org.unionaid.documents;

/** Other bytes were to be stored under a key that already holds an object. */
public final class ObjectConflict extends StoreFailure {

    ObjectConflict(String key) {
        super("An object with key " + key + " already exists with other content", null);
    }
}
