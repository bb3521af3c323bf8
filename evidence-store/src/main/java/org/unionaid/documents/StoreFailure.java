package org.unionaid.documents;

/** The store could not do what was asked (disk, network, object storage). Messages name keys, never content. */
public class StoreFailure extends RuntimeException {

    public StoreFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
