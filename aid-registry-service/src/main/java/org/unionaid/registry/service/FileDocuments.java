package org.unionaid.registry.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.paging.Page;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.security.Caller;
import org.unionaid.documents.DocumentKind;
import org.unionaid.documents.EvidenceDocuments;
import org.unionaid.documents.StoreFailure;
import org.unionaid.documents.StoredDocument;
import org.unionaid.registry.domain.FileDocument;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The evidence documents of a file (table file_document; the sealed bytes in the document store). A document is
 * stored before its row is written, in a transaction of its own: when that transaction fails, the object is
 * discarded, so no object outlives a record that never was. Reads see the files the caller may see (404 otherwise,
 * as for the file) and each one, list or content, is a row DOCUMENT of the file's access log.
 */
@ApplicationScoped
public class FileDocuments {

    /** Access-log purpose of every read of a file's documents. */
    static final String READ = "DOCUMENT";

    private final EntityManager em;
    private final EvidenceDocuments documents;
    private final HardshipFileService files;
    private final FileJournal journal;

    FileDocuments(EntityManager em, EvidenceDocuments documents, HardshipFileService files, FileJournal journal) {
        this.em = em;
        this.documents = documents;
        this.files = files;
        this.journal = journal;
    }

    /** Checks, seals, stores and records a document of a file the caller may write (404 otherwise). */
    public FileDocument add(long fileId, DocumentKind kind, String contentType, byte[] bytes, Caller caller,
                            StationScope scope) {
        QuarkusTransaction.requiringNew().run(() -> requireVisible(fileId, scope));
        StoredDocument stored = available(() -> documents.store(kind, contentType, bytes));
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                requireVisible(fileId, scope);
                return insert(fileId, stored, caller.subject());
            });
        } catch (RuntimeException e) {
            discard(stored);
            throw e;
        }
    }

    /** A page of a file's documents by id (what they are, never their content); empty when the caller may not see the file. */
    public Optional<Page<FileDocument>> list(long fileId, String cursor, int limit, Caller caller, StationScope scope) {
        long after = Cursors.decodeLong(cursor);
        return QuarkusTransaction.requiringNew().call(() -> files.visible(fileId, scope).map(file -> {
            journal.access(fileId, caller.subject(), READ, false);
            List<FileDocument> rows = select("file_id = :file AND id > :after ORDER BY id LIMIT :limit",
                    java.util.Map.of("file", fileId, "after", after, "limit", limit + 1));
            return Cursors.page(rows, limit, d -> new Object[] {d.id()}, d -> d);
        }));
    }

    /** One document of the file, what it is; empty for a document of another file or one the caller may not see. */
    public Optional<FileDocument> find(long fileId, long documentId, Caller caller, StationScope scope) {
        return QuarkusTransaction.requiringNew().call(() -> files.visible(fileId, scope)
                .flatMap(file -> select("file_id = :file AND id = :id", java.util.Map.of("file", fileId, "id", documentId))
                        .stream().findFirst())
                .map(document -> {
                    journal.access(fileId, caller.subject(), READ, false);
                    return document;
                }));
    }

    /** The bytes of a document {@link #find} gave (and logged), checked against its size and SHA-256. */
    public byte[] content(FileDocument document) {
        return available(() -> documents.open(document.stored()));
    }

    private void requireVisible(long fileId, StationScope scope) {
        if (files.visible(fileId, scope).isEmpty()) {
            throw ProblemException.notFound("File", fileId);
        }
    }

    private FileDocument insert(long fileId, StoredDocument stored, String actor) {
        Tuple row = (Tuple) em.createNativeQuery("INSERT INTO file_document (file_id, object_key, kind, content_type, size, sha256,"
                        + " uploaded_by) VALUES (:file, :key, :kind, :type, :size, :sha, :by) RETURNING id, uploaded_at", Tuple.class)
                .setParameter("file", fileId).setParameter("key", stored.key()).setParameter("kind", stored.kind().name())
                .setParameter("type", stored.contentType()).setParameter("size", (int) stored.size())
                .setParameter("sha", stored.sha256()).setParameter("by", actor)
                .getSingleResult();
        return new FileDocument(((Number) row.get(0)).longValue(), fileId, stored, actor, instant(row.get(1)));
    }

    @SuppressWarnings("unchecked")
    private List<FileDocument> select(String where, java.util.Map<String, Object> parameters) {
        var query = em.createNativeQuery("SELECT id, file_id, object_key, kind, content_type, size, sha256, uploaded_by,"
                + " uploaded_at FROM file_document WHERE " + where, Tuple.class);
        parameters.forEach(query::setParameter);
        return ((List<Tuple>) query.getResultList()).stream().map(r -> new FileDocument(((Number) r.get(0)).longValue(),
                ((Number) r.get(1)).longValue(), new StoredDocument((String) r.get(2), DocumentKind.valueOf((String) r.get(3)),
                (String) r.get(4), ((Number) r.get(5)).longValue(), (String) r.get(6)), (String) r.get(7),
                instant(r.get(8)))).toList();
    }

    /** A failure of the store is the store's, not the caller's: 503, its message (keys, never content) logged. */
    private static <T> T available(Supplier<T> work) {
        try {
            return work.get();
        } catch (StoreFailure e) {
            Log.warnf("Document store failed: %s", e.getMessage());
            throw new ProblemException(503, "document-store-unavailable", List.of(), java.util.Map.of("Retry-After", "5"));
        }
    }

    private void discard(StoredDocument stored) {
        try {
            documents.discard(stored);
        } catch (StoreFailure e) {
            Log.warnf("Object %s of a document not recorded could not be discarded: %s", stored.key(), e.getMessage());
        }
    }

    private static Instant instant(Object value) {
        return value instanceof Instant i ? i : value instanceof OffsetDateTime o ? o.toInstant()
                : ((java.sql.Timestamp) value).toInstant();
    }
}
