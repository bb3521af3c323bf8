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

    /**
     * A {@link PayoutEvent}'s payload built in SQL, for many events in one INSERT ... SELECT (a bank result's PAID
     * lines): from a ledger entry {@code e} (id, payout_id, amount) and its application {@code a}; the parameters are
     * the kind, then the day and the instant as JSON ({@link #json}). The same jsonb as {@link #append} stores.
     */
    public static final String PAYLOAD_SQL = """
            jsonb_build_object('entryId', e.id, 'kind', ?::text, 'payoutId', e.payout_id, 'applicationId', a.id,
                               'projectCode', a.project_code, 'beneficiary', a.beneficiary, 'workerId', a.worker_id,
                               'stationCode', a.station_code, 'enterpriseId', a.enterprise_id, 'category', a.category,
                               'mainCause', a.main_cause, 'amount', e.amount::text, 'occurredOn', ?::jsonb,
                               'occurredAt', ?::jsonb, 'enrolmentId', a.enrolment_id, 'memberId', a.member_id)""";

    /** Takes the feed's lock on the caller's connection: before rows are appended with {@link #PAYLOAD_SQL}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            lock.execute();
        }
    }

    /** A value (a day, an instant) as the feed's JSON writes it in {@link #append}. */
    public String json(Object value) {
        return write(value);
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
