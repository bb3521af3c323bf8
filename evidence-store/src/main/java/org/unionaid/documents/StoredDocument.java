package org.unionaid.documents;

import java.util.Objects;

/**
 * A document as the service keeps it in its database: the key of its sealed object, what it is, its
 * media type, its size and the SHA-256 (lower-case hex) of its plain bytes.
 */
public record StoredDocument(String key, DocumentKind kind, String contentType, long size, String sha256) {

    public StoredDocument {
        DocumentStore.requireKey(key);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 1 || size > DocumentChecks.MAX_BYTES) {
            throw new IllegalArgumentException("A document has 1 to " + DocumentChecks.MAX_BYTES + " bytes");
        }
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
    }
}
