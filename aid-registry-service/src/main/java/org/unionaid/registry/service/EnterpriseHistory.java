package org.unionaid.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.paging.Page;
import org.unionaid.registry.service.view.EnterpriseViews.EnterpriseEvent;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** An enterprise's history: each creation and change with its fields before and after (no personal data). */
@ApplicationScoped
public class EnterpriseHistory {

    private static final TypeReference<Map<String, Object>> CHANGES = new TypeReference<>() {
    };

    private final EntityManager em;
    private final ObjectMapper json;

    EnterpriseHistory(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(long enterpriseId, String actor, String action, FieldChanges changes, String reason) {
        em.createNativeQuery("INSERT INTO enterprise_event (enterprise_id, actor, action, changes, reason)"
                        + " VALUES (:enterprise, :actor, :action, CAST(:changes AS jsonb), :reason)")
                .setParameter("enterprise", enterpriseId).setParameter("actor", actor).setParameter("action", action)
                .setParameter("changes", write(changes.asMap())).setParameter("reason", reason)
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public Page<EnterpriseEvent> page(long enterpriseId, String cursor, int limit) {
        List<Tuple> rows = em.createNativeQuery("SELECT id, at, actor, action, CAST(changes AS text), reason FROM enterprise_event"
                        + " WHERE enterprise_id = :enterprise AND id > :after ORDER BY id LIMIT :limit", Tuple.class)
                .setParameter("enterprise", enterpriseId).setParameter("after", Cursors.decodeLong(cursor))
                .setParameter("limit", limit + 1).getResultList();
        return Cursors.page(rows, limit, r -> new Object[] {r.get(0)}, r -> new EnterpriseEvent(
                ((Number) r.get(0)).longValue(), instant(r.get(1)), (String) r.get(2), (String) r.get(3),
                read((String) r.get(4)), (String) r.get(5)));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An enterprise's changes are not serialisable", e);
        }
    }

    private Map<String, Object> read(String text) {
        try {
            return json.readValue(text, CHANGES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An enterprise's history entry is unreadable", e);
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        return value instanceof OffsetDateTime o ? o.toInstant() : ((java.sql.Timestamp) value).toInstant();
    }
}
