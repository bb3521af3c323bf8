package org.unionaid.registry.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Appends feed rows in the caller's transaction. The advisory lock, held to commit, makes
 * rows visible in seq order, so a reader past seq N never later finds a row below N.
 */
@ApplicationScoped
public class FeedWriter {

    private final EntityManager em;
    private final ObjectMapper json;

    FeedWriter(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(Feed feed, Object key, Object payload) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(:lock)")
                .setParameter("lock", feed.lockKey)
                .getSingleResult();
        em.createNativeQuery("INSERT INTO " + feed.table + " (" + feed.keyColumn + ", payload) VALUES (:key, CAST(:payload AS jsonb))")
                .setParameter("key", key)
                .setParameter("payload", write(payload))
                .executeUpdate();
    }

    /** Appends many rows in one batch, under one lock: for bulk paths. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(Feed feed, java.util.Map<Long, ?> payloadsByKey) {
        if (payloadsByKey.isEmpty()) {
            return;
        }
        em.createNativeQuery("SELECT pg_advisory_xact_lock(:lock)").setParameter("lock", feed.lockKey).getSingleResult();
        em.unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (java.sql.PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + feed.table + " (" + feed.keyColumn + ", payload) VALUES (?, CAST(? AS jsonb))")) {
                for (var entry : payloadsByKey.entrySet()) {
                    insert.setLong(1, entry.getKey());
                    insert.setString(2, write(entry.getValue()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    private String write(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Feed payload is not serialisable", e);
        }
    }
}
