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

    private String write(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Feed payload is not serialisable", e);
        }
    }
}
