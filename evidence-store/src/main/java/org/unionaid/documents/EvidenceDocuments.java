package org.unionaid.documents;

import org.unionaid.common.crypto.SealedValues;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Evidence documents end to end: checked ({@link DocumentChecks}), hashed (SHA-256 of the plain
 * bytes), sealed with AES-GCM under the purpose {@code evidence-document:<key>} so that an object
 * opens only under its own key (one document's object copied over another's does not open), and
 * stored under a new random key. Nothing is stored when a check fails.
 */
public final class EvidenceDocuments {

    static final String PURPOSE_PREFIX = "evidence-document:";

    private final DocumentStore store;
    private final SealedValues seals;
    private final Supplier<String> newKeys;

    public EvidenceDocuments(DocumentStore store, SealedValues seals) {
        this(store, seals, () -> UUID.randomUUID().toString());
    }

    EvidenceDocuments(DocumentStore store, SealedValues seals, Supplier<String> newKeys) {
        this.store = Objects.requireNonNull(store, "store");
        this.seals = Objects.requireNonNull(seals, "seals");
        this.newKeys = newKeys;
    }

    /**
     * Checks, seals and stores a document; what the service records of it. The problems of
     * {@link DocumentChecks#check} and of a missing kind (400 {@code document-kind-invalid}); a
     * {@link StoreFailure} when the store fails. When the caller's transaction then fails, it calls
     * {@link #discard} so that no object outlives its record.
     */
    public StoredDocument store(DocumentKind kind, String declaredContentType, byte[] bytes) {
        if (kind == null) {
            throw DocumentKind.invalid();
        }
        DocumentType type = DocumentChecks.check(declaredContentType, bytes);
        String key = DocumentStore.requireKey(newKeys.get());
        String sha256 = sha256(bytes);
        store.put(key, seals.seal(bytes, purpose(key)));
        return new StoredDocument(key, kind, type.mediaType(), bytes.length, sha256);
    }

    /** The plain bytes of a stored document, checked against its size and SHA-256. */
    public byte[] open(StoredDocument document) {
        byte[] sealed = store.get(document.key())
                .orElseThrow(() -> new DocumentUnreadable(document.key(), DocumentUnreadable.Reason.MISSING));
        byte[] plain;
        try {
            plain = seals.open(sealed, purpose(document.key()));
        } catch (SealedValues.Unreadable e) {
            throw new DocumentUnreadable(document.key(), DocumentUnreadable.Reason.UNSEALABLE);
        }
        if (plain.length != document.size() || !MessageDigest.isEqual(
                sha256(plain).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                document.sha256().getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new DocumentUnreadable(document.key(), DocumentUnreadable.Reason.DIGEST_MISMATCH);
        }
        return plain;
    }

    /** Removes a document's object (its record is gone, or was never committed). */
    public void discard(StoredDocument document) {
        store.delete(document.key());
    }

    static String purpose(String key) {
        return PURPOSE_PREFIX + key;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
