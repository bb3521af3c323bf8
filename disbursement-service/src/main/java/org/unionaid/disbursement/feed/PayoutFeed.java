package org.unionaid.disbursement.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the payout feed in the caller's transaction and reads it. The advisory lock, held to
 * commit, makes rows visible in seq order: a reader past seq N never later finds a row below N.
 */
@ApplicationScoped
public class PayoutFeed {

    static final long LOCK_KEY = 7_003L;

    public record FeedPage(List<ObjectNode> items, long lastSeq) {
    }

    private final EntityManager em;
    private final ObjectMapper json;

    PayoutFeed(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(PayoutEvent event) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(:lock)").setParameter("lock", LOCK_KEY).getSingleResult();
        em.createNativeQuery("INSERT INTO payout_feed (entry_id, payload) VALUES (:e, CAST(:p AS jsonb))")
                .setParameter("e", event.entryId()).setParameter("p", write(event)).executeUpdate();
    }

    /** Many events at once, in their order, on the caller's connection and transaction (a bank result's PAID lines). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(Connection c, List<PayoutEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            lock.execute();
        }
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO payout_feed (entry_id, payload)
                SELECT e.entry_id, CAST(e.payload AS jsonb)
                  FROM unnest(?::bigint[], ?::text[]) WITH ORDINALITY AS e(entry_id, payload, n) ORDER BY e.n""")) {
            insert.setArray(1, c.createArrayOf("bigint", events.stream().map(PayoutEvent::entryId).toArray(Long[]::new)));
            insert.setArray(2, c.createArrayOf("text", events.stream().map(this::write).toArray(String[]::new)));
            insert.executeUpdate();
        }
    }

    public FeedPage after(long after, int limit) {
        List<?> rows = em.createNativeQuery(
                        "SELECT seq, CAST(payload AS text) FROM payout_feed WHERE seq > :a ORDER BY seq LIMIT :l")
                .setParameter("a", after).setParameter("l", limit).getResultList();
        List<ObjectNode> items = new ArrayList<>(rows.size());
        long last = after;
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            long seq = ((Number) row[0]).longValue();
            ObjectNode item = json.createObjectNode().put("seq", seq);
            item.setAll(read((String) row[1]));
            items.add(item);
            last = seq;
        }
        return new FeedPage(items, last);
    }

    private ObjectNode read(String payload) {
        try {
            return (ObjectNode) json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Feed payload is not JSON", e);
        }
    }

    private String write(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Feed payload is not serialisable", e);
        }
    }
}
