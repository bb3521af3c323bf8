package org.unionaid.disbursement.feed;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.sql.Timestamp;
import java.util.List;

/**
 * GET /api/v1/feed/enrolments: every mutual-aid enrolment in seq order, for reporting. Enrolments never change, so the
 * feed reads their rows; seq is assigned under the enrolments' lock held to commit (service.Enrolments), so a reader
 * past seq N never later finds a row below N. memberId is an opaque number: never the ID number, its index or the name.
 */
@ApplicationScoped
public class EnrolmentFeed {

    public record EnrolmentItem(long seq, long enrolmentId, long memberId, long enterpriseId, int year,
                                @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal premium, String paidBy,
                                Instant enrolledAt) {
    }

    public record EnrolmentPage(List<EnrolmentItem> items, long lastSeq) {
    }

    private final EntityManager em;

    EnrolmentFeed(EntityManager em) {
        this.em = em;
    }

    public EnrolmentPage after(long after, int limit) {
        List<?> rows = em.createNativeQuery("""
                        SELECT seq, id, member_id, enterprise_id, year, premium, paid_by, enrolled_at
                          FROM mutual_aid_enrolment WHERE seq > :a ORDER BY seq LIMIT :l""")
                .setParameter("a", after).setParameter("l", limit).getResultList();
        List<EnrolmentItem> items = rows.stream().map(r -> (Object[]) r).map(r -> new EnrolmentItem(
                ((Number) r[0]).longValue(), ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(), ((Number) r[4]).intValue(), (BigDecimal) r[5], (String) r[6], instant(r[7]))).toList();
        return new EnrolmentPage(items, items.isEmpty() ? after : items.get(items.size() - 1).seq());
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime o ? o.toInstant() : value instanceof Timestamp t ? t.toInstant() : (Instant) value;
    }
}
