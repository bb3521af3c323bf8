package org.unionaid.disbursement.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.paging.Page;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.security.Caller;
import org.unionaid.disbursement.domain.Application;
import org.unionaid.disbursement.domain.ApplicationDocument;
import org.unionaid.documents.DocumentKind;
import org.unionaid.documents.EvidenceDocuments;
import org.unionaid.documents.StoreFailure;
import org.unionaid.documents.StoredDocument;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The evidence documents of an application (table application_document; the sealed bytes in the document store).
 * {@link #store} runs before the transaction that {@link #record}s the row; when that transaction fails the caller
 * {@link #discard}s the object. Station scoping as for the application (404 otherwise); every read, a page of the
 * list, one document or its content, is a row of application_document_access in the read's transaction.
 */
@ApplicationScoped
public class ApplicationDocuments {

    private final EntityManager em;
    private final EvidenceDocuments documents;
    private final StationScope scope;
    private final Caller caller;

    ApplicationDocuments(EntityManager em, EvidenceDocuments documents, StationScope scope, Caller caller) {
        this.em = em;
        this.documents = documents;
        this.scope = scope;
        this.caller = caller;
    }

    /** Checks, seals and stores a document of an application the caller may see (404 otherwise), before any transaction. */
    public StoredDocument store(long applicationId, DocumentKind kind, String contentType, byte[] bytes) {
        Optional<String> prefix = scope.prefix();
        if (QuarkusTransaction.requiringNew().call(() -> visible(applicationId, prefix)).isEmpty()) {
            throw ProblemException.notFound("Application", applicationId);
        }
        return available(() -> documents.store(kind, contentType, bytes));
    }

    /** The row of a stored document, in the caller's transaction (which also keeps an Idempotency-Key's answer). */
    public ApplicationDocument record(long applicationId, StoredDocument stored) {
        Optional<String> prefix = scope.prefix();
        visible(applicationId, prefix).orElseThrow(() -> ProblemException.notFound("Application", applicationId));
        Tuple row = (Tuple) em.createNativeQuery("INSERT INTO application_document (application_id, object_key, kind,"
                        + " content_type, size, sha256, uploaded_by) VALUES (:application, :key, :kind, :type, :size, :sha, :by)"
                        + " RETURNING id, uploaded_at", Tuple.class)
                .setParameter("application", applicationId).setParameter("key", stored.key())
                .setParameter("kind", stored.kind().name()).setParameter("type", stored.contentType())
                .setParameter("size", (int) stored.size()).setParameter("sha", stored.sha256())
                .setParameter("by", caller.subject())
                .getSingleResult();
        return new ApplicationDocument(((Number) row.get(0)).longValue(), applicationId, stored, caller.subject(),
                instant(row.get(1)));
    }

    /** Removes the object of a document whose row was not committed. */
    public void discard(StoredDocument stored) {
        try {
            documents.discard(stored);
        } catch (StoreFailure e) {
            Log.warnf("Object %s of a document not recorded could not be discarded: %s", stored.key(), e.getMessage());
        }
    }

    /** A page of an application's documents by id; empty when the caller may not see the application. */
    public Optional<Page<ApplicationDocument>> list(long applicationId, String cursor, int limit) {
        long after = Cursors.decodeLong(cursor);
        Optional<String> prefix = scope.prefix();
        return QuarkusTransaction.requiringNew().call(() -> visible(applicationId, prefix).map(application -> {
            logRead(applicationId, null, "LIST");
            List<ApplicationDocument> rows = select("application_id = :application AND id > :after ORDER BY id LIMIT :limit",
                    Map.of("application", applicationId, "after", after, "limit", limit + 1));
            return Cursors.page(rows, limit, d -> new Object[] {d.id()}, d -> d);
        }));
    }

    /** One document of the application; empty for a document of another application or one the caller may not see. */
    public Optional<ApplicationDocument> find(long applicationId, long documentId, boolean content) {
        Optional<String> prefix = scope.prefix();
        return QuarkusTransaction.requiringNew().call(() -> visible(applicationId, prefix)
                .flatMap(application -> select("application_id = :application AND id = :id",
                        Map.of("application", applicationId, "id", documentId)).stream().findFirst())
                .map(document -> {
                    logRead(applicationId, documentId, content ? "CONTENT" : "VIEW");
                    return document;
                }));
    }

    /** The bytes of a document {@link #find} gave (and logged), checked against its size and SHA-256. */
    public byte[] content(ApplicationDocument document) {
        return available(() -> documents.open(document.stored()));
    }

    private static Optional<Application> visible(long applicationId, Optional<String> prefix) {
        return Application.<Application>findByIdOptional(applicationId)
                .filter(a -> prefix.map(p -> a.stationPath != null && a.stationPath.startsWith(p)).orElse(true));
    }

    private void logRead(long applicationId, Long documentId, String purpose) {
        em.createNativeQuery("INSERT INTO application_document_access (application_id, document_id, purpose, actor)"
                        + " VALUES (:application, :document, :purpose, :actor)")
                .setParameter("application", applicationId)
                .setParameter("document", new org.hibernate.query.TypedParameterValue<>(
                        org.hibernate.type.StandardBasicTypes.LONG, documentId))
                .setParameter("purpose", purpose).setParameter("actor", caller.subject())
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private List<ApplicationDocument> select(String where, Map<String, Object> parameters) {
        var query = em.createNativeQuery("SELECT id, application_id, object_key, kind, content_type, size, sha256,"
                + " uploaded_by, uploaded_at FROM application_document WHERE " + where, Tuple.class);
        parameters.forEach(query::setParameter);
        return ((List<Tuple>) query.getResultList()).stream().map(r -> new ApplicationDocument(
                ((Number) r.get(0)).longValue(), ((Number) r.get(1)).longValue(), new StoredDocument((String) r.get(2),
                DocumentKind.valueOf((String) r.get(3)), (String) r.get(4), ((Number) r.get(5)).longValue(),
                (String) r.get(6)), (String) r.get(7), instant(r.get(8)))).toList();
    }

    /** A failure of the store is the store's, not the caller's: 503, its message (keys, never content) logged. */
    private static <T> T available(Supplier<T> work) {
        try {
            return work.get();
        } catch (StoreFailure e) {
            Log.warnf("Document store failed: %s", e.getMessage());
            throw new ProblemException(503, "document-store-unavailable", List.of(), Map.of("Retry-After", "5"));
        }
    }

    private static Instant instant(Object value) {
        return value instanceof Instant i ? i : value instanceof OffsetDateTime o ? o.toInstant()
                : ((java.sql.Timestamp) value).toInstant();
    }
}
